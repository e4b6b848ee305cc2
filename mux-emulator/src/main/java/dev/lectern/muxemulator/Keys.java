package dev.lectern.muxemulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/** RSA key pairs in Mux's format: the private half as base64 of a PKCS#1 PEM, the public half kept as X.509. */
final class Keys {

    private Keys() {
    }

    static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA unavailable", e);
        }
    }

    /** base64 of {@code -----BEGIN RSA PRIVATE KEY-----...}: the PKCS#1 key inside the JDK's PKCS#8 encoding. */
    static String muxPrivateKey(KeyPair pair) {
        byte[] pkcs1 = pkcs1Of(pair.getPrivate().getEncoded());
        String pem = "-----BEGIN RSA PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs1)
                + "\n-----END RSA PRIVATE KEY-----\n";
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }

    static String encodePublic(RSAPublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    static RSAPublicKey decodePublic(String base64) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("unreadable stored public key", e);
        }
    }

    /** PrivateKeyInfo ::= SEQUENCE { INTEGER version, AlgorithmIdentifier, OCTET STRING privateKey }. */
    private static byte[] pkcs1Of(byte[] pkcs8) {
        int[] outer = tlv(pkcs8, 0, 0x30);
        int[] version = tlv(pkcs8, outer[0], 0x02);
        int[] algorithm = tlv(pkcs8, version[0] + version[1], 0x30);
        int[] key = tlv(pkcs8, algorithm[0] + algorithm[1], 0x04);
        return Arrays.copyOfRange(pkcs8, key[0], key[0] + key[1]);
    }

    /** {content offset, content length} of the DER element at {@code offset}, which must have {@code tag}. */
    private static int[] tlv(byte[] der, int offset, int tag) {
        if ((der[offset] & 0xff) != tag) {
            throw new IllegalStateException("unexpected DER tag " + (der[offset] & 0xff));
        }
        int first = der[offset + 1] & 0xff;
        if (first < 0x80) {
            return new int[] {offset + 2, first};
        }
        int count = first & 0x7f;
        int length = 0;
        for (int i = 0; i < count; i++) {
            length = (length << 8) | (der[offset + 2 + i] & 0xff);
        }
        return new int[] {offset + 2 + count, length};
    }
}
