package dev.lectern.media.playback;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * A Mux URL-signing key as Mux hands it out: its id, and the private key as base64 of a PEM, PKCS#1
 * ({@code BEGIN RSA PRIVATE KEY}, what Mux returns) or PKCS#8 ({@code BEGIN PRIVATE KEY}).
 */
public record MuxSigningKey(String id, RSAPrivateCrtKey privateKey) {

    public MuxSigningKey {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("the signing key id is required");
        }
    }

    /** Parses the base64-encoded PEM (as in {@code MUX_SIGNING_KEY_PRIVATE}); a plain PEM is accepted too. */
    public static MuxSigningKey parse(String id, String base64OrPem) {
        String pem = base64OrPem.contains("-----BEGIN")
                ? base64OrPem
                : new String(Base64.getMimeDecoder().decode(base64OrPem.trim()), StandardCharsets.US_ASCII);
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            der = pkcs1ToPkcs8(der);
        }
        try {
            return new MuxSigningKey(id,
                    (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not an RSA private key", e);
        }
    }

    @Override
    public String toString() {
        return "MuxSigningKey[id=" + id + ", privateKey=<hidden>]";
    }

    /** Wraps a PKCS#1 RSAPrivateKey as PKCS#8: SEQUENCE { INTEGER 0, rsaEncryption, OCTET STRING pkcs1 }. */
    private static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        byte[] version = {0x02, 0x01, 0x00};
        byte[] rsaEncryption = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01,
                0x01, 0x01, 0x05, 0x00};
        return tlv(0x30, concat(version, rsaEncryption, tlv(0x04, pkcs1)));
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
