package dev.lectern.muxemulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.testkit.TestVideos;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodecsTest {

    @TempDir
    Path dir;

    @Test
    void sampleMp4sThenHighProfileAvcOfTheirLevelAndAacLowComplexity() throws Exception {
        // avcC of lecture-3s.mp4: 01 64 00 0a (High, level 1.0); lecture-5s.mp4: 01 64 00 0c (High, level 1.2);
        // both esds: objectTypeIndication 0x40, AudioSpecificConfig 0x12 0x08 (audioObjectType 2, AAC LC)
        assertThat(probe(TestVideos.THREE_SECONDS).codecs()).isEqualTo("mp4a.40.2,avc1.64000a");
        assertThat(probe(TestVideos.FIVE_SECONDS).codecs()).isEqualTo("mp4a.40.2,avc1.64000c");
    }

    @Test
    void hevcThenProfileReversedCompatibilityTierLevelAndConstraintsWithoutTrailingZeros() {
        byte[] main = hvcC(0x01, 0x60000000, new byte[] {(byte) 0xB0, 0, 0, 0, 0, 0}, 93);
        assertThat(codec(visual("hvc1", "hvcC", main))).isEqualTo("hvc1.1.6.L93.B0");
        byte[] main10High = hvcC(0x22, 0x20000000, new byte[] {(byte) 0x90, 0, 0, 0, 0, 0}, 150);
        assertThat(codec(visual("hev1", "hvcC", main10High))).isEqualTo("hev1.2.4.H150.90");
    }

    @Test
    void av1AndVp9ThenTheirProfileLevelAndBitDepth() {
        byte[] av1C = {(byte) 0x81, 0x08, 0x0C, 0};
        assertThat(codec(visual("av01", "av1C", av1C))).isEqualTo("av01.0.08M.08");
        byte[] vpcC = {1, 0, 0, 0, 0, 31, (byte) 0x80, 0};
        assertThat(codec(visual("vp09", "vpcC", vpcC))).isEqualTo("vp09.00.31.08");
    }

    @Test
    void aacObjectTypesAboveThirtyOneUseTheEscapeAndOtherAudioKeepsItsObjectType() {
        // audioObjectType 31 escapes to 32 + 6 bits: 0xF8 0x40 → 11111 000010 → 32 + 2 = 34
        assertThat(codec(audio(0, esds(0x40, new byte[] {(byte) 0xF8, 0x40})))).isEqualTo("mp4a.40.34");
        assertThat(codec(audio(0, esds(0x6B, new byte[0])))).isEqualTo("mp4a.6b");
        // QuickTime version 1 sound description: 16 more bytes before the esds
        assertThat(codec(audio(1, esds(0x40, new byte[] {0x12, 0x10})))).isEqualTo("mp4a.40.2");
    }

    @Test
    void unknownFormatOrMissingConfigurationThenNoCodec() {
        assertThat(codec(visual("mp4v", "esds", new byte[8]))).isNull();
        assertThat(codec(visual("avc1", "free", new byte[8]))).isNull();
        assertThat(codec(visual("avc1", "avcC", new byte[2]))).isNull();
    }

    private static String codec(ByteBuffer entry) {
        return Codecs.sampleEntry(entry, 0, entry.capacity());
    }

    private Store.Media probe(TestVideos video) throws Exception {
        return Mp4Probe.probe(Files.write(dir.resolve(video.fileName()), video.bytes()));
    }

    /** A visual sample entry of this format with one child box. */
    private static ByteBuffer visual(String format, String childType, byte[] child) {
        ByteBuffer entry = ByteBuffer.allocate(86 + 8 + child.length);
        entry.putInt(entry.capacity()).put(ascii(format)).put(new byte[78]);
        entry.putInt(8 + child.length).put(ascii(childType)).put(child);
        return entry;
    }

    /** An mp4a sample entry of this QuickTime version holding an esds box. */
    private static ByteBuffer audio(int version, byte[] esds) {
        int fields = 36 + (version == 1 ? 16 : 0);
        ByteBuffer entry = ByteBuffer.allocate(fields + 8 + esds.length);
        entry.putInt(entry.capacity()).put(ascii("mp4a")).put(new byte[8]).putShort((short) version)
                .put(new byte[fields - 18]);
        entry.putInt(8 + esds.length).put(ascii("esds")).put(esds);
        return entry;
    }

    private static byte[] esds(int objectType, byte[] audioSpecificConfig) {
        ByteArrayOutputStream decoderConfig = new ByteArrayOutputStream();
        decoderConfig.write(objectType);
        decoderConfig.writeBytes(HexFormat.of().parseHex("150000000000000000000000"));
        if (audioSpecificConfig.length > 0) {
            decoderConfig.write(0x05);
            decoderConfig.write(audioSpecificConfig.length);
            decoderConfig.writeBytes(audioSpecificConfig);
        }
        ByteArrayOutputStream es = new ByteArrayOutputStream();
        es.writeBytes(new byte[] {0, 1, 0});
        es.write(0x04);
        es.writeBytes(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) decoderConfig.size()});
        es.writeBytes(decoderConfig.toByteArray());
        ByteArrayOutputStream box = new ByteArrayOutputStream();
        box.writeBytes(new byte[4]);
        box.write(0x03);
        box.write(es.size());
        box.writeBytes(es.toByteArray());
        return box.toByteArray();
    }

    private static byte[] hvcC(int profileByte, int compatibility, byte[] constraints, int level) {
        ByteBuffer hvcC = ByteBuffer.allocate(23);
        hvcC.put((byte) 1).put((byte) profileByte).putInt(compatibility).put(constraints).put((byte) level);
        return hvcC.array();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
