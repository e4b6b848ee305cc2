package dev.lectern.muxemulator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** ISO-BMFF (MP4/MOV) box headers, for {@link Mp4Probe} and {@link Fmp4}. */
final class Boxes {

    /**
     * A box header: a 32-bit size and a four-character type, then a 64-bit size if the first is 1; size 0 means
     * "to the end". {@code size} includes the header of {@code length} bytes.
     */
    record Header(String type, int length, long size) {

        /** The size is at least the header and the box ends within {@code available} bytes. */
        boolean fitsIn(long available) {
            return size >= length && size <= available;
        }
    }

    private Boxes() {
    }

    /**
     * The header at index {@code at} of {@code buffer}, of a box with {@code available} bytes from there to the end
     * of its parent or file (what size 0 stands for); null when the buffer ends inside the header.
     */
    static Header header(ByteBuffer buffer, int at, long available) {
        if (buffer.limit() - at < 8) {
            return null;
        }
        long size = Integer.toUnsignedLong(buffer.getInt(at));
        String type = fourCc(buffer, at + 4);
        if (size == 1) {
            return buffer.limit() - at < 16 ? null : new Header(type, 16, buffer.getLong(at + 8));
        }
        return new Header(type, 8, size == 0 ? available : size);
    }

    static String fourCc(ByteBuffer buffer, int at) {
        byte[] bytes = new byte[4];
        buffer.get(at, bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
