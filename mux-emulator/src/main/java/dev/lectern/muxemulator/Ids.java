package dev.lectern.muxemulator;

import java.security.SecureRandom;

/** Mux-looking random ids (letters and digits) and unguessable upload URL signatures. */
final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private Ids() {
    }

    /** An upload or asset id (Mux's are about 44 characters). */
    static String resource() {
        return random(44);
    }

    static String playback() {
        return random(44);
    }

    static String signingKey() {
        return random(32);
    }

    /** 256 bits for the upload URL's {@code sig}. */
    static String signature() {
        return random(43);
    }

    private static String random(int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(chars);
    }
}
