package dev.lectern.muxemulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lectern.muxemulator.Store.Media;
import dev.lectern.testkit.TestVideos;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Mp4ProbeTest {

    @TempDir
    Path dir;

    @Test
    void readsDurationFrameSizeAndFrameRateOfRealMp4s() throws Exception {
        for (TestVideos video : TestVideos.values()) {
            Media media = Mp4Probe.probe(write(video.fileName(), video.bytes()));
            assertThat(media.duration()).as(video.fileName()).isCloseTo(video.durationSeconds(), within(0.05));
            assertThat(Views.aspectRatio(media.width(), media.height())).isEqualTo(video.aspectRatio());
            assertThat(media.frameRate()).isCloseTo(10.0, within(0.01));
        }
        Media small = Mp4Probe.probe(write("3s.mp4", TestVideos.THREE_SECONDS.bytes()));
        assertThat(small.width()).isEqualTo(160);
        assertThat(small.height()).isEqualTo(120);
        assertThat(small.audioChannels()).isNotNull();
    }

    @Test
    void textIsNotAVideo() throws Exception {
        Path text = write("notes.mp4", "# Lecture notes\nnothing to see".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> Mp4Probe.probe(text)).isInstanceOf(Mp4Probe.NotAVideo.class);
    }

    @Test
    void truncatedVideoIsNotAVideo() throws Exception {
        byte[] video = TestVideos.FIVE_SECONDS.bytes();
        Path cut = write("cut.mp4", Arrays.copyOf(video, video.length / 2));
        assertThatThrownBy(() -> Mp4Probe.probe(cut)).isInstanceOf(Mp4Probe.NotAVideo.class)
                .hasMessageContaining("past the end");
        Path empty = write("empty.mp4", new byte[0]);
        assertThatThrownBy(() -> Mp4Probe.probe(empty)).isInstanceOf(Mp4Probe.NotAVideo.class);
    }

    @Test
    void aspectRatioIsReducedByTheGreatestCommonDivisor() {
        assertThat(Views.aspectRatio(1920, 1080)).isEqualTo("16:9");
        assertThat(Views.aspectRatio(1080, 1920)).isEqualTo("9:16");
        assertThat(Views.aspectRatio(640, 480)).isEqualTo("4:3");
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }
}
