package dev.lectern.media.lectureupload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.media.lectureupload.UploadFailures.FileTooLarge;
import dev.lectern.servicekit.problem.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class MuxFileSenderTest {

    private static final int CHUNK = 256 * 1024;
    private static final UploadUrlStub URLS = new UploadUrlStub();
    private static final LectureUploadProperties PROPERTIES = new LectureUploadProperties(null, null,
            DataSize.ofBytes(CHUNK), 2, Duration.ofMillis(5), Duration.ofSeconds(5), null, null);

    private final MuxFileSender sender = new MuxFileSender(PROPERTIES);
    private final String uploadId = "upload-" + UUID.randomUUID();

    @AfterAll
    static void stop() {
        URLS.close();
    }

    @Test
    void chunksCarryOpenRangesAndTheLastOneTheTotal() {
        byte[] file = bytes(2 * CHUNK + 100);

        long sent = send(file, Long.MAX_VALUE);

        assertThat(sent).isEqualTo(file.length);
        assertThat(URLS.stored(uploadId).puts).extracting(UploadUrlStub.Put::contentRange).containsExactly(
                "bytes 0-262143/*", "bytes 262144-524287/*", "bytes 524288-524387/524388");
        assertThat(URLS.stored(uploadId).puts).extracting(UploadUrlStub.Put::status).containsExactly(308, 308, 200);
        assertThat(URLS.stored(uploadId).firstBytes()).isEqualTo(file);
    }

    @Test
    void aFileOfWholeChunksEndsWithAFullChunkCarryingTheTotal() {
        byte[] file = bytes(2 * CHUNK);

        send(file, Long.MAX_VALUE);

        assertThat(URLS.stored(uploadId).puts).extracting(UploadUrlStub.Put::contentRange)
                .containsExactly("bytes 0-262143/*", "bytes 262144-524287/524288");
        assertThat(URLS.stored(uploadId).complete).isTrue();
    }

    @Test
    void whatA308SaysWasNotStoredIsSentAgain() {
        byte[] file = bytes(CHUNK + 10);
        URLS.fault(uploadId, -1000);

        send(file, Long.MAX_VALUE);

        assertThat(URLS.stored(uploadId).puts).extracting(UploadUrlStub.Put::contentRange).containsExactly(
                "bytes 0-262143/*", "bytes 1000-262143/*", "bytes 262144-262153/262154");
        assertThat(URLS.stored(uploadId).firstBytes()).isEqualTo(file);
    }

    @Test
    void aChunkIsRetriedAfterServerErrorsAskingFirstHowMuchArrived() {
        byte[] file = bytes(1000);
        URLS.fault(uploadId, 503, 500);

        send(file, Long.MAX_VALUE);

        assertThat(URLS.stored(uploadId).puts).extracting(UploadUrlStub.Put::contentRange).containsExactly(
                "bytes 0-999/1000", "bytes */1000", "bytes 0-999/1000", "bytes */1000", "bytes 0-999/1000");
        assertThat(URLS.stored(uploadId).firstBytes()).isEqualTo(file);
    }

    @Test
    void retriesAreBoundedAndEndIn503() {
        URLS.fault(uploadId, 500, 500, 500, 500);

        assertThatThrownBy(() -> send(bytes(1000), Long.MAX_VALUE)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.getStatusCode().value()).isEqualTo(503));
        assertThat(URLS.stored(uploadId).puts.stream().filter(p -> p.length() > 0)).hasSize(3);
    }

    @Test
    void aRefusalIsNotRetriedAndEndsIn502() {
        URLS.fault(uploadId, 410);

        assertThatThrownBy(() -> send(bytes(1000), Long.MAX_VALUE)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.getStatusCode().value()).isEqualTo(502));
        assertThat(URLS.stored(uploadId).puts).hasSize(1);
    }

    @Test
    void unreachableUrlEndsIn503() {
        URI closed = URI.create("http://127.0.0.1:9/upload/nowhere");

        assertThatThrownBy(() -> sender.send(closed, new byte[0], new ByteArrayInputStream(bytes(10)), 100))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.getStatusCode().value()).isEqualTo(503));
    }

    @Test
    void nothingPastTheLimitIsSent() {
        byte[] file = bytes(3 * CHUNK);

        assertThatThrownBy(() -> send(file, 2 * CHUNK + 5)).isInstanceOf(FileTooLarge.class);

        assertThat(URLS.stored(uploadId).bytes).isEqualTo(2 * CHUNK);
        assertThat(URLS.stored(uploadId).complete).isFalse();
    }

    @Test
    void aFileExactlyAtTheLimitIsAccepted() {
        assertThat(send(bytes(CHUNK), CHUNK)).isEqualTo(CHUNK);
        assertThat(URLS.stored(uploadId).complete).isTrue();
    }

    @Test
    void aBrokenClientStreamIsTheRequestsFault() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("client went away");
            }
        };

        assertThatThrownBy(() -> sender.send(URLS.url(uploadId), new byte[] {1, 2, 3}, broken, 100))
                .isInstanceOf(UploadFailures.RequestBodyBroken.class);
        assertThat(URLS.stored(uploadId).puts).isEmpty();
    }

    @Test
    void chunkSizesMustBeWholeMultiplesOf256KiB() {
        assertThatThrownBy(() -> new LectureUploadProperties(null, null, DataSize.ofKilobytes(300), null, null, null,
                null, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("256KB");
        assertThat(new LectureUploadProperties(null, null, null, null, null, null, null, null).chunkBytes())
                .isEqualTo(8 * 1024 * 1024);
    }

    private long send(byte[] file, long max) {
        int head = Math.min(file.length, 1024);
        return sender.send(URLS.url(uploadId), Arrays.copyOf(file, head),
                new ByteArrayInputStream(file, head, file.length - head), max);
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
