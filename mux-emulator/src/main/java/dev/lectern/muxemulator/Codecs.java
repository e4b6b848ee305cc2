package dev.lectern.muxemulator;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Locale;

/**
 * RFC 6381 codec strings (what HLS's {@code CODECS} attribute and MSE's {@code isTypeSupported} take) from an
 * ISO-BMFF sample entry: {@code avc1.64001f} from {@code avcC}, {@code hvc1.1.6.L93.B0} from {@code hvcC},
 * {@code av01.0.04M.08} from {@code av1C}, {@code vp09.00.10.08} from {@code vpcC}, {@code mp4a.40.2} from
 * {@code esds}; null for a format it does not know (better no {@code CODECS} than a wrong one).
 */
final class Codecs {

    /** Bytes before the child boxes of a visual sample entry (ISO/IEC 14496-12 §12.1.3), header included. */
    private static final int VISUAL_ENTRY_FIELDS = 8 + 8 + 70;
    /** The same for a version 0 audio sample entry (§12.2.3); QuickTime versions 1 and 2 add 16 or 36 bytes. */
    private static final int AUDIO_ENTRY_FIELDS = 8 + 8 + 20;

    private Codecs() {
    }

    /**
     * The codec of the sample entry that starts (at its size field) at {@code start} and ends at {@code end} in
     * {@code buffer}; null when unknown or malformed.
     */
    static String sampleEntry(ByteBuffer buffer, int start, int end) {
        try {
            String format = Boxes.fourCc(buffer, start + 4);
            return switch (format) {
                case "avc1", "avc3" -> avc(format, child(buffer, start + VISUAL_ENTRY_FIELDS, end, "avcC"));
                case "hvc1", "hev1" -> hevc(format, child(buffer, start + VISUAL_ENTRY_FIELDS, end, "hvcC"));
                case "av01" -> av1(child(buffer, start + VISUAL_ENTRY_FIELDS, end, "av1C"));
                case "vp09" -> vp9(child(buffer, start + VISUAL_ENTRY_FIELDS, end, "vpcC"));
                case "mp4a" -> mp4a(child(buffer, start + audioFields(buffer, start), end, "esds"));
                case "ac-3", "ec-3" -> format;
                case "Opus" -> "opus";
                case "fLaC" -> "flac";
                default -> null;
            };
        } catch (IndexOutOfBoundsException | java.nio.BufferUnderflowException malformed) {
            return null;
        }
    }

    private static int audioFields(ByteBuffer buffer, int start) {
        int version = buffer.getShort(start + 16) & 0xffff;
        return AUDIO_ENTRY_FIELDS + (version == 1 ? 16 : version == 2 ? 36 : 0);
    }

    /** The content of the first child box of this type in {@code [from, end)}, as a buffer positioned at 0. */
    private static ByteBuffer child(ByteBuffer buffer, int from, int end, String type) {
        int position = from;
        while (position + 8 <= end) {
            Boxes.Header box = Boxes.header(buffer, position, end - position);
            if (box == null || !box.fitsIn(end - position)) {
                return null;
            }
            if (box.type().equals(type)) {
                return buffer.slice(position + box.length(), (int) box.size() - box.length());
            }
            position += (int) box.size();
        }
        return null;
    }

    /** {@code avc1.PPCCLL}: profile_idc, constraint flags and level_idc of the AVCDecoderConfigurationRecord. */
    private static String avc(String format, ByteBuffer avcC) {
        if (avcC == null || avcC.limit() < 4) {
            return null;
        }
        return format + "." + HexFormat.of().formatHex(new byte[] {avcC.get(1), avcC.get(2), avcC.get(3)});
    }

    /**
     * {@code hvc1.[A-C]profile.compatibility.[LH]level.constraints} (ISO/IEC 14496-15 Annex E): compatibility
     * flags bit-reversed in hex, constraint bytes in hex with trailing zero bytes left out.
     */
    private static String hevc(String format, ByteBuffer hvcC) {
        if (hvcC == null || hvcC.limit() < 13) {
            return null;
        }
        int first = hvcC.get(1) & 0xff;
        int space = first >> 6;
        boolean highTier = (first & 0x20) != 0;
        int profile = first & 0x1f;
        int compatibility = Integer.reverse(hvcC.getInt(2));
        int level = hvcC.get(12) & 0xff;
        StringBuilder codec = new StringBuilder(format).append('.')
                .append(space == 0 ? "" : String.valueOf((char) ('A' + space - 1))).append(profile)
                .append('.').append(Integer.toHexString(compatibility).toUpperCase(Locale.ROOT))
                .append('.').append(highTier ? 'H' : 'L').append(level);
        int lastNonZero = -1;
        for (int i = 0; i < 6; i++) {
            if (hvcC.get(6 + i) != 0) {
                lastNonZero = i;
            }
        }
        for (int i = 0; i <= lastNonZero; i++) {
            codec.append('.').append(HexFormat.of().withUpperCase().toHexDigits(hvcC.get(6 + i)));
        }
        return codec.toString();
    }

    /** {@code av01.P.LLT.DD} (AV1 codec ISO-BMFF binding §5): profile, level, tier, bit depth. */
    private static String av1(ByteBuffer av1C) {
        if (av1C == null || av1C.limit() < 3) {
            return null;
        }
        int profile = (av1C.get(1) & 0xff) >> 5;
        int level = av1C.get(1) & 0x1f;
        int flags = av1C.get(2) & 0xff;
        boolean highTier = (flags & 0x80) != 0;
        boolean highBitDepth = (flags & 0x40) != 0;
        boolean twelveBit = (flags & 0x20) != 0;
        int depth = highBitDepth ? (twelveBit ? 12 : 10) : 8;
        return String.format(Locale.ROOT, "av01.%d.%02d%s.%02d", profile, level, highTier ? "H" : "M", depth);
    }

    /** {@code vp09.PP.LL.DD} from the VPCodecConfigurationRecord (a full box: version and flags first). */
    private static String vp9(ByteBuffer vpcC) {
        if (vpcC == null || vpcC.limit() < 7) {
            return null;
        }
        int profile = vpcC.get(4) & 0xff;
        int level = vpcC.get(5) & 0xff;
        int depth = (vpcC.get(6) & 0xff) >> 4;
        return String.format(Locale.ROOT, "vp09.%02d.%02d.%02d", profile, level, depth);
    }

    /**
     * {@code mp4a.OO[.A]} from the esds full box: the DecoderConfigDescriptor's objectTypeIndication in hex and,
     * for MPEG-4 audio (0x40), the audioObjectType of the AudioSpecificConfig in decimal.
     */
    private static String mp4a(ByteBuffer esds) {
        if (esds == null) {
            return null;
        }
        int at = 4; // version and flags
        Descriptor es = descriptor(esds, at);
        if (es == null || es.tag != 0x03) {
            return null;
        }
        at = es.body;
        int flags = esds.get(at + 2) & 0xff;
        at += 3;
        if ((flags & 0x80) != 0) {
            at += 2;
        }
        if ((flags & 0x40) != 0) {
            at += 1 + (esds.get(at) & 0xff);
        }
        if ((flags & 0x20) != 0) {
            at += 2;
        }
        Descriptor config = descriptor(esds, at);
        if (config == null || config.tag != 0x04) {
            return null;
        }
        int objectType = esds.get(config.body) & 0xff;
        String codec = "mp4a." + HexFormat.of().toHexDigits((byte) objectType);
        if (objectType != 0x40) {
            return codec;
        }
        Descriptor specific = descriptor(esds, config.body + 13);
        if (specific == null || specific.tag != 0x05 || specific.size < 1) {
            return null;
        }
        int audioObjectType = (esds.get(specific.body) & 0xff) >> 3;
        if (audioObjectType == 31) {
            int bits = ((esds.get(specific.body) & 0xff) << 8) | (esds.get(specific.body + 1) & 0xff);
            audioObjectType = 32 + ((bits >> 5) & 0x3f);
        }
        return codec + "." + audioObjectType;
    }

    /** An MPEG-4 descriptor: tag, then a size in 1 to 4 bytes of 7 bits each; {@code body} is where it starts. */
    private record Descriptor(int tag, int size, int body) {
    }

    private static Descriptor descriptor(ByteBuffer buffer, int at) {
        int tag = buffer.get(at) & 0xff;
        int size = 0;
        int position = at + 1;
        for (int i = 0; i < 4; i++) {
            int b = buffer.get(position++) & 0xff;
            size = (size << 7) | (b & 0x7f);
            if ((b & 0x80) == 0) {
                return new Descriptor(tag, size, position);
            }
        }
        return null;
    }
}
