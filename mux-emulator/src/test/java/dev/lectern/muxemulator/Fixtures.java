package dev.lectern.muxemulator;

import dev.lectern.testkit.TestVideos;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** Test files made from the sample videos. */
final class Fixtures {

    private Fixtures() {
    }

    /**
     * The sample with only its tracks of this handler ({@code vide}: a video without audio, {@code soun}: audio
     * alone), as a fragmented MP4.
     */
    static byte[] only(TestVideos video, String handler, Path directory) throws IOException {
        Path source = Files.write(Files.createTempFile(directory, "source", ".mp4"), video.bytes());
        try {
            Fmp4.Layout layout = Fmp4.layout(source, Set.of(handler));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Fmp4.writeFile(layout, source, out);
            return out.toByteArray();
        } catch (Fmp4.Unsupported e) {
            throw new IllegalStateException(e);
        }
    }
}
