package dev.lectern.media.lectureupload;

import dev.lectern.media.lectureupload.UploadFailures.FileTooLarge;
import dev.lectern.media.lectureupload.UploadFailures.RequestBodyBroken;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a file to a Mux direct upload URL (a GCS resumable upload) in chunks of {@code chunk-size} bytes:
 * each PUT carries {@code Content-Range: bytes a-b/*} and the last one the total; 308 answers say with
 * {@code Range} how much is stored and the rest of the chunk is sent again. A chunk is retried after a network
 * error or a 408/429/5xx, first asking the URL how much it has. One chunk buffer is all it holds.
 */
class MuxFileSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MuxFileSender.class);
    private static final Pattern RANGE = Pattern.compile("bytes=0-(\\d+)");
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(8);

    private final LectureUploadProperties properties;
    private final HttpClient http;

    MuxFileSender(LectureUploadProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Sends {@code head} followed by the rest of {@code file} to {@code url}.
     *
     * @return the file's size in bytes
     * @throws FileTooLarge      before sending any byte past {@code maxBytes}
     * @throws RequestBodyBroken when reading {@code file} fails
     */
    long send(URI url, byte[] head, InputStream file, long maxBytes) {
        byte[] buffer = new byte[properties.chunkBytes()];
        System.arraycopy(head, 0, buffer, 0, head.length);
        int filled = head.length;
        long offset = 0;
        int peeked = -1;
        while (true) {
            if (peeked >= 0) {
                buffer[filled++] = (byte) peeked;
                peeked = -1;
            }
            boolean last;
            try {
                filled += file.readNBytes(buffer, filled, buffer.length - filled);
                last = filled < buffer.length || (peeked = file.read()) < 0;
            } catch (IOException e) {
                throw new RequestBodyBroken(e);
            }
            long readSoFar = offset + filled + (peeked >= 0 ? 1 : 0);
            if (readSoFar > maxBytes) {
                throw new FileTooLarge(maxBytes);
            }
            sendChunk(url, buffer, filled, offset, last ? offset + filled : -1);
            offset += filled;
            filled = 0;
            if (last) {
                return offset;
            }
        }
    }

    /** PUTs {@code buffer[0, length)} as bytes {@code offset...}; {@code total} is -1 until the last chunk. */
    private void sendChunk(URI url, byte[] buffer, int length, long offset, long total) {
        String size = total < 0 ? "*" : Long.toString(total);
        int confirmed = 0;
        int failures = 0;
        while (true) {
            Throwable cause;
            int status;
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(url)
                        .timeout(properties.chunkTimeout())
                        .header("Content-Range", "bytes " + (offset + confirmed) + "-" + (offset + length - 1) + "/" + size)
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(buffer, confirmed, length - confirmed))
                        .build(), HttpResponse.BodyHandlers.discarding());
                status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return;
                }
                if (status == 308) {
                    long stored = storedBytes(response);
                    if (stored >= offset + length) {
                        return;
                    }
                    if (stored < offset) {
                        throw UploadFailures.targetUnavailable(new IOException(
                                "upload URL lost bytes already confirmed (has " + stored + ", chunk starts at " + offset + ")"));
                    }
                    if (stored > offset + confirmed) {
                        confirmed = Math.toIntExact(stored - offset);
                        failures = 0;
                        continue;
                    }
                    cause = new IOException("308 without progress");
                } else if (status == 408 || status == 429 || status >= 500) {
                    cause = new IOException("upload URL answered " + status);
                } else {
                    log.warn("Mux upload URL refused bytes {}-{} with {}", offset + confirmed, offset + length - 1, status);
                    throw UploadFailures.targetRejected(status);
                }
            } catch (IOException e) {
                cause = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw UploadFailures.targetUnavailable(e);
            }
            failures++;
            if (failures > properties.chunkRetries()) {
                log.warn("Giving up on Mux upload chunk at {} after {} attempts: {}", offset, failures, cause.toString());
                throw UploadFailures.targetUnavailable(cause);
            }
            pause(failures);
            long stored = askStored(url, size);
            if (stored >= offset + length) {
                return;
            }
            if (stored > offset + confirmed) {
                confirmed = Math.toIntExact(stored - offset);
            }
        }
    }

    /** The GCS status query ({@code Content-Range: bytes *}{@code /total}); -1 when it tells nothing. */
    private long askStored(URI url, String size) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(url)
                    .timeout(properties.chunkTimeout())
                    .header("Content-Range", "bytes */" + size)
                    .PUT(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() >= 200 && response.statusCode() < 300) {
                return Long.MAX_VALUE;
            }
            return response.statusCode() == 308 ? storedBytes(response) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw UploadFailures.targetUnavailable(e);
        }
    }

    /** From {@code Range: bytes=0-N}: N + 1; no header means nothing stored. */
    private static long storedBytes(HttpResponse<?> response) {
        return response.headers().firstValue("Range").map(RANGE::matcher).filter(Matcher::matches)
                .map(m -> Long.parseLong(m.group(1)) + 1).orElse(0L);
    }

    private void pause(int failures) {
        long millis = properties.chunkRetryDelay().toMillis() << Math.min(failures - 1, 16);
        try {
            Thread.sleep(Math.min(millis, MAX_RETRY_DELAY.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw UploadFailures.targetUnavailable(e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
