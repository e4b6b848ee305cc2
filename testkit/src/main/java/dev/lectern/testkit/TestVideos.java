package dev.lectern.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Real, small H.264/AAC MP4 files (made with ffmpeg's test sources) for upload tests. The duration and
 * frame size of each are given, so tests can check what the pipeline reads from the container.
 */
public enum TestVideos {

    /** 3.0 s, 160x120 (4:3), 10 fps, 23 KB, {@code moov} before {@code mdat}. */
    THREE_SECONDS("lecture-3s.mp4", 3.0, "4:3"),
    /** 5.0 s, 320x180 (16:9), 10 fps, 111 KB, {@code moov} before {@code mdat}. */
    FIVE_SECONDS("lecture-5s.mp4", 5.0, "16:9");

    private final String file;
    private final double durationSeconds;
    private final String aspectRatio;

    TestVideos(String file, double durationSeconds, String aspectRatio) {
        this.file = file;
        this.durationSeconds = durationSeconds;
        this.aspectRatio = aspectRatio;
    }

    public String fileName() {
        return file;
    }

    public double durationSeconds() {
        return durationSeconds;
    }

    public String aspectRatio() {
        return aspectRatio;
    }

    public byte[] bytes() {
        try (InputStream in = TestVideos.class.getResourceAsStream("videos/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test video " + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
