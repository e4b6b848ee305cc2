package dev.lectern.media.lectureupload;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises video containers from a file's first bytes, whatever name or content type the client gave it:
 * ISO base media (MP4, MOV, M4V, 3GP; image and audio-only brands excluded), QuickTime without {@code ftyp},
 * Matroska/WebM, AVI, MPEG transport streams (188- and 192-byte packets), MPEG program streams and
 * elementary video, FLV and ASF/WMV.
 */
final class VideoSniffer {

    /** How many leading bytes {@link #container} looks at (at most). */
    static final int HEAD_BYTES = 1024;

    private static final Set<String> NOT_VIDEO_BRANDS = Set.of(
            "heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1", "avif", "avis", "avio",
            "M4A ", "M4B ", "M4P ", "jp2 ", "jpx ", "crx ", "pdf ");
    private static final Set<String> QUICKTIME_ATOMS = Set.of("moov", "mdat", "wide", "pnot");

    private VideoSniffer() {
    }

    /** The container the bytes start like, or empty when they are not a video we know. */
    static Optional<String> container(byte[] head, int length) {
        if (length >= 12 && ascii(head, 4, 4).equals("ftyp")) {
            String brand = ascii(head, 8, 4);
            return NOT_VIDEO_BRANDS.contains(brand) ? Optional.empty()
                    : Optional.of(brand.equals("qt  ") ? "quicktime" : "mp4");
        }
        if (length >= 8 && QUICKTIME_ATOMS.contains(ascii(head, 4, 4))) {
            return Optional.of("quicktime");
        }
        if (startsWith(head, length, 0x1A, 0x45, 0xDF, 0xA3)) {
            return Optional.of("matroska");
        }
        if (length >= 12 && ascii(head, 0, 4).equals("RIFF") && ascii(head, 8, 4).startsWith("AVI")) {
            return Optional.of("avi");
        }
        if (syncEvery(head, length, 0, 188) || syncEvery(head, length, 4, 192)) {
            return Optional.of("mpeg-ts");
        }
        if (startsWith(head, length, 0x00, 0x00, 0x01, 0xBA) || startsWith(head, length, 0x00, 0x00, 0x01, 0xB3)) {
            return Optional.of("mpeg-ps");
        }
        if (startsWith(head, length, 'F', 'L', 'V', 0x01)) {
            return Optional.of("flv");
        }
        if (startsWith(head, length, 0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11)) {
            return Optional.of("asf");
        }
        return Optional.empty();
    }

    /** MPEG-TS: the 0x47 sync byte at the start of (at least) three consecutive packets. */
    private static boolean syncEvery(byte[] head, int length, int offset, int packet) {
        int needed = offset + 2 * packet + 1;
        if (length < needed) {
            return false;
        }
        for (int at = offset; at < length; at += packet) {
            if (head[at] != 0x47) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] head, int length, int... magic) {
        if (length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] head, int offset, int count) {
        return new String(head, offset, count, StandardCharsets.ISO_8859_1);
    }
}
