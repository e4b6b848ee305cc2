package dev.lectern.media.lectureupload;

import dev.lectern.testkit.TestVideos;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** A multipart/form-data body built from parts in order and streamed (chunked) rather than held in memory. */
final class Multipart {

    private final String boundary = "lectern-" + UUID.randomUUID();
    private final List<Supplier<InputStream>> pieces = new ArrayList<>();

    Multipart field(String name, String value) {
        String part = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
        pieces.add(() -> new ByteArrayInputStream(part.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    Multipart file(String name, String fileName, byte[] content) {
        return file(name, fileName, () -> new ByteArrayInputStream(content));
    }

    Multipart file(String name, String fileName, Supplier<InputStream> content) {
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: video/mp4\r\n\r\n";
        pieces.add(() -> new ByteArrayInputStream(head.getBytes(StandardCharsets.UTF_8)));
        pieces.add(content);
        pieces.add(() -> new ByteArrayInputStream("\r\n".getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    HttpRequest.BodyPublisher publisher() {
        return HttpRequest.BodyPublishers.ofInputStream(this::stream);
    }

    /** The whole body as one stream, generated as it is read. */
    InputStream stream() {
        List<Supplier<InputStream>> all = new ArrayList<>(pieces);
        all.add(() -> new ByteArrayInputStream(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8)));
        return new SequenceInputStream(
                Collections.enumeration(all.stream().map(s -> (InputStream) new LazyStream(s)).toList()));
    }

    /** {@code size} bytes that start like a real MP4 (its {@code ftyp}), then deterministic noise. */
    static InputStream generatedVideo(long size, long seed) {
        byte[] head = TestVideos.THREE_SECONDS.bytes();
        return new InputStream() {
            private final Random random = new Random(seed);
            private final byte[] block = new byte[64 * 1024];
            private long position;
            private int blockPosition = block.length;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] target, int offset, int length) {
                if (position >= size) {
                    return -1;
                }
                int n = (int) Math.min(length, size - position);
                for (int i = 0; i < n; i++) {
                    if (position + i < 1024) {
                        target[offset + i] = head[(int) (position + i)];
                    } else {
                        if (blockPosition == block.length) {
                            random.nextBytes(block);
                            blockPosition = 0;
                        }
                        target[offset + i] = block[blockPosition++];
                    }
                }
                position += n;
                return n;
            }
        };
    }

    /** Stops after {@code gateAt} bytes until {@code open} holds (or fails after {@code wait}). */
    static InputStream gated(InputStream in, long gateAt, BooleanSupplier open, Duration wait) {
        return new InputStream() {
            private long position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] target, int offset, int length) throws IOException {
                if (position >= gateAt) {
                    long deadline = System.nanoTime() + wait.toNanos();
                    while (!open.getAsBoolean()) {
                        if (System.nanoTime() > deadline) {
                            throw new IOException("the server did not pass bytes on while the client was sending");
                        }
                        try {
                            Thread.sleep(10);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IOException(e);
                        }
                    }
                } else {
                    length = (int) Math.min(length, gateAt - position);
                }
                int n = in.read(target, offset, length);
                if (n > 0) {
                    position += n;
                }
                return n;
            }
        };
    }

    /** Opens its stream on first read, so a long body is generated as it is sent. */
    private static final class LazyStream extends InputStream {
        private final Supplier<InputStream> source;
        private InputStream in;

        LazyStream(Supplier<InputStream> source) {
            this.source = source;
        }

        private InputStream in() {
            if (in == null) {
                in = source.get();
            }
            return in;
        }

        @Override
        public int read() throws IOException {
            return in().read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in().read(b, off, len);
        }
    }
}
