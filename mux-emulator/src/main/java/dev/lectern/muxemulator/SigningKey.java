package dev.lectern.muxemulator;

/**
 * A signing key as {@code POST /system/v1/signing-keys} returns it.
 *
 * @param id          the key id, the {@code kid} of playback tokens
 * @param privateKey  base64 of a PKCS#1 {@code -----BEGIN RSA PRIVATE KEY-----} PEM, as Mux returns it
 */
public record SigningKey(String id, String privateKey) {

    @Override
    public String toString() {
        return "SigningKey[id=" + id + ", privateKey=<hidden>]";
    }
}
