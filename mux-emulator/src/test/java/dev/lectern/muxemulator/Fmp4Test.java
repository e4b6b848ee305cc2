package dev.lectern.muxemulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lectern.muxemulator.Store.Media;
import dev.lectern.testkit.TestVideos;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Fmp4Test {

    @TempDir
    Path dir;

    /** One trun entry as a player reads it from our output. */
    record Sample(int track, long decodeTime, int duration, int flags, byte[] data) {
    }

    @Test
    void repackagedSegmentsCarryEverySampleOnceInDecodeOrder() throws Exception {
        check(TestVideos.THREE_SECONDS.bytes(), 30, 131);
        check(TestVideos.FIVE_SECONDS.bytes(), 50, 217);
    }

    @Test
    void segmentsAreCutAtKeyFramesAboutEveryFourSeconds() throws Exception {
        // without a sync sample table every frame is a key frame, so the 5 s video is cut at 4 s
        byte[] everyFrameKey = TestVideos.FIVE_SECONDS.bytes();
        String text = new String(everyFrameKey, StandardCharsets.ISO_8859_1);
        int stss = text.indexOf("stss");
        everyFrameKey[stss] = 'f';
        everyFrameKey[stss + 1] = 'r';
        everyFrameKey[stss + 2] = 'e';
        everyFrameKey[stss + 3] = 'e';
        Fmp4.Layout layout = check(everyFrameKey, 50, 217);
        assertThat(layout.segments()).hasSize(2);
        assertThat(layout.segments().get(0).duration()).isCloseTo(4.0, within(0.001));
        assertThat(layout.segments().get(1).duration()).isCloseTo(1.0, within(0.05));

        Fmp4.Layout single = Fmp4.layout(write("5s.mp4", TestVideos.FIVE_SECONDS.bytes()));
        assertThat(single.segments()).as("one key frame, one segment").hasSize(1);
    }

    @Test
    void initSegmentDescribesTheTracksWithEmptySampleTables() throws Exception {
        Fmp4.Layout layout = Fmp4.layout(write("3s.mp4", TestVideos.THREE_SECONDS.bytes()));
        Path init = write("init.mp4", layout.init());
        Media media = Mp4Probe.probe(init);
        assertThat(media.width()).isEqualTo(160);
        assertThat(media.height()).isEqualTo(120);
        String boxes = new String(layout.init(), StandardCharsets.ISO_8859_1);
        assertThat(boxes).startsWith("\0\0\0\u001cftypiso6").contains("mvex").contains("trex").contains("avc1")
                .doesNotContain("stss").doesNotContain("ctts");
        assertThat(boxes.split("trex", -1)).hasSize(3);
    }

    private Fmp4.Layout check(byte[] video, int videoSamples, int audioSamples) throws Exception {
        Path file = write("video-" + video.length + "-" + System.nanoTime() + ".mp4", video);
        Fmp4.Layout layout = Fmp4.layout(file);
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < layout.segments().size(); i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Fmp4.writeSegment(layout, i, file, out);
            byte[] segment = out.toByteArray();
            assertThat((long) segment.length).isEqualTo(Fmp4.segmentLength(layout, i));
            List<Sample> read = read(segment, i + 1);
            int firstVideo = layout.tracks().stream().filter(Fmp4.Track::video).findFirst().orElseThrow().id();
            Sample first = read.stream().filter(s -> s.track() == firstVideo).findFirst().orElseThrow();
            assertThat(first.flags() & 0x00010000).as("segment %d starts with a key frame", i).isZero();
            samples.addAll(read);
        }
        Map<Integer, List<Sample>> byTrack = new HashMap<>();
        samples.forEach(s -> byTrack.computeIfAbsent(s.track(), k -> new ArrayList<>()).add(s));
        assertThat(byTrack).hasSize(2);
        for (Fmp4.Track track : layout.tracks()) {
            List<Sample> got = byTrack.get(track.id());
            assertThat(got).hasSize(track.video() ? videoSamples : audioSamples);
            long time = 0;
            for (int i = 0; i < got.size(); i++) {
                assertThat(got.get(i).decodeTime()).isEqualTo(time);
                time += got.get(i).duration();
                byte[] expected = new byte[track.sizes()[i]];
                System.arraycopy(video, (int) track.offsets()[i], expected, 0, expected.length);
                assertThat(got.get(i).data()).isEqualTo(expected);
            }
        }
        double total = layout.segments().stream().mapToDouble(Fmp4.Segment::duration).sum();
        assertThat(total).isCloseTo(Mp4Probe.probe(file).duration(), within(0.05));
        return layout;
    }

    /** Reads moof/traf/tfhd/tfdt/trun and the samples the data offsets point at, as a player would. */
    private static List<Sample> read(byte[] segment, int sequence) {
        ByteBuffer b = ByteBuffer.wrap(segment);
        assertThat(type(segment, 4)).isEqualTo("moof");
        int moofSize = b.getInt(0);
        assertThat(type(segment, moofSize + 4)).isEqualTo("mdat");
        assertThat(b.getInt(moofSize)).isEqualTo(segment.length - moofSize);
        List<Sample> samples = new ArrayList<>();
        int p = 8;
        while (p < moofSize) {
            int size = b.getInt(p);
            String type = type(segment, p + 4);
            if (type.equals("mfhd")) {
                assertThat(b.getInt(p + 12)).isEqualTo(sequence);
            } else if (type.equals("traf")) {
                int trackId = 0;
                long base = 0;
                int q = p + 8;
                while (q < p + size) {
                    int boxSize = b.getInt(q);
                    String boxType = type(segment, q + 4);
                    int flags = b.getInt(q + 8) & 0xffffff;
                    if (boxType.equals("tfhd")) {
                        assertThat(flags & 0x020000).as("default-base-is-moof").isNotZero();
                        trackId = b.getInt(q + 12);
                    } else if (boxType.equals("tfdt")) {
                        base = (b.get(q + 8) == 1) ? b.getLong(q + 12) : Integer.toUnsignedLong(b.getInt(q + 12));
                    } else if (boxType.equals("trun")) {
                        int count = b.getInt(q + 12);
                        int offset = b.getInt(q + 16);
                        int at = q + 20;
                        long time = base;
                        for (int i = 0; i < count; i++) {
                            int duration = b.getInt(at);
                            int sampleSize = b.getInt(at + 4);
                            int sampleFlags = b.getInt(at + 8);
                            at += (flags & 0x800) != 0 ? 16 : 12;
                            byte[] data = new byte[sampleSize];
                            System.arraycopy(segment, offset, data, 0, sampleSize);
                            samples.add(new Sample(trackId, time, duration, sampleFlags, data));
                            offset += sampleSize;
                            time += duration;
                        }
                    }
                    q += boxSize;
                }
            }
            p += size;
        }
        return samples;
    }

    private static String type(byte[] bytes, int at) {
        return new String(bytes, at, 4, StandardCharsets.ISO_8859_1);
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }
}
