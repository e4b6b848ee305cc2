package dev.lectern.muxemulator;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

/** Signs Mux playback tokens in tests, from the base64 PKCS#1 PEM Mux hands out (mux-api.md §5.1). */
final class Tokens {

    private Tokens() {
    }

    static PrivateKey load(String base64Pem) throws Exception {
        String pem = new String(Base64.getMimeDecoder().decode(base64Pem), StandardCharsets.US_ASCII);
        if (!pem.startsWith("-----BEGIN RSA PRIVATE KEY-----")) {
            throw new AssertionError("not a PKCS#1 PEM: " + pem.lines().findFirst().orElse(""));
        }
        byte[] pkcs1 = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01,
                0x01, 0x01, 0x05, 0x00};
        byte[] inner = concat(new byte[] {0x02, 0x01, 0x00}, algorithm, tlv(0x04, pkcs1));
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(tlv(0x30, inner)));
    }

    static String sign(PrivateKey key, String kid, String sub, String aud, Instant exp) throws Exception {
        return sign(key, kid, sub, aud, exp, "");
    }

    /** With more claims: {@code extra} is JSON members to add, e.g. {@code ,"default_subtitles_lang":"en"}. */
    static String sign(PrivateKey key, String kid, String sub, String aud, Instant exp, String extra) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString(("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"sub\":\"" + sub + "\",\"aud\":\"" + aud + "\",\"exp\":"
                + exp.getEpochSecond() + extra + "}").getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + b64.encodeToString(signature.sign());
    }

    private static byte[] tlv(int tag, byte[] content) {
        byte[] length;
        if (content.length < 128) {
            length = new byte[] {(byte) content.length};
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(content.length) + 7) / 8;
            length = new byte[bytes + 1];
            length[0] = (byte) (0x80 | bytes);
            for (int i = 0; i < bytes; i++) {
                length[bytes - i] = (byte) (content.length >>> (8 * i));
            }
        }
        return concat(new byte[] {(byte) tag}, length, content);
    }

    private static byte[] concat(byte[]... parts) {
        int size = 0;
        for (byte[] part : parts) {
            size += part.length;
        }
        byte[] all = new byte[size];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
