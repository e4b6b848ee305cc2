package dev.lectern.media.lectureupload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.testkit.TestVideos;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class VideoSnifferTest {

    @Test
    void realMp4sAreRecognised() {
        for (TestVideos video : TestVideos.values()) {
            byte[] bytes = video.bytes();
            assertThat(VideoSniffer.container(bytes, Math.min(bytes.length, VideoSniffer.HEAD_BYTES))).contains("mp4");
        }
    }

    @Test
    void otherVideoContainersAreRecognisedByTheirSignatures() {
        assertThat(sniff(ftyp("qt  "))).contains("quicktime");
        assertThat(sniff(ftyp("3gp4"))).contains("mp4");
        assertThat(sniff(concat(new byte[] {0, 0, 0, 8}, ascii("wide")))).contains("quicktime");
        assertThat(sniff(HexFormat.of().parseHex("1a45dfa3a34286810142f7810142f2810442f381084282847765626d"))).contains("matroska");
        assertThat(sniff(concat(ascii("RIFF"), new byte[] {0x10, 0, 0, 0}, ascii("AVI LIST")))).contains("avi");
        assertThat(sniff(transportStream(188, 0))).contains("mpeg-ts");
        assertThat(sniff(transportStream(192, 4))).contains("mpeg-ts");
        assertThat(sniff(HexFormat.of().parseHex("000001ba4400040004010189c3f8"))).contains("mpeg-ps");
        assertThat(sniff(concat(ascii("FLV"), new byte[] {1, 5, 0, 0, 0, 9}))).contains("flv");
        assertThat(sniff(HexFormat.of().parseHex("3026b2758e66cf11a6d900aa0062ce6c"))).contains("asf");
    }

    @Test
    void imagesAudioDocumentsAndTextAreNotVideos() {
        assertThat(sniff(HexFormat.of().parseHex("89504e470d0a1a0a0000000d49484452"))).isEmpty();
        assertThat(sniff(HexFormat.of().parseHex("ffd8ffe000104a46494600010100"))).isEmpty();
        assertThat(sniff(ascii("%PDF-1.7\n%âãÏÓ\n1 0 obj"))).isEmpty();
        assertThat(sniff(ascii("just some notes about the lecture"))).isEmpty();
        assertThat(sniff(ftyp("heic"))).isEmpty();
        assertThat(sniff(ftyp("avif"))).isEmpty();
        assertThat(sniff(ftyp("M4A "))).isEmpty();
        assertThat(sniff(concat(ascii("RIFF"), new byte[] {0x10, 0, 0, 0}, ascii("WAVEfmt ")))).isEmpty();
        assertThat(sniff(new byte[0])).isEmpty();
        // a single 0x47 is not a transport stream
        byte[] almost = transportStream(188, 0);
        almost[376] = 0;
        assertThat(sniff(almost)).isEmpty();
    }

    private static java.util.Optional<String> sniff(byte[] bytes) {
        byte[] head = Arrays.copyOf(bytes, VideoSniffer.HEAD_BYTES);
        return VideoSniffer.container(head, Math.min(bytes.length, VideoSniffer.HEAD_BYTES));
    }

    private static byte[] ftyp(String brand) {
        return concat(new byte[] {0, 0, 0, 0x18}, ascii("ftyp" + brand), new byte[] {0, 0, 2, 0}, ascii("isomiso2"));
    }

    private static byte[] transportStream(int packet, int offset) {
        byte[] bytes = new byte[offset + packet * 4];
        for (int at = offset; at < bytes.length; at += packet) {
            bytes[at] = 0x47;
        }
        return bytes;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
