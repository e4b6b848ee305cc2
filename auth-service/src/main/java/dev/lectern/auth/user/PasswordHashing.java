package dev.lectern.auth.user;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * How passwords are hashed: Argon2id with the OWASP / ASVS parameters (19 MiB, 2 iterations, parallelism 1).
 * The benchmark builds its encoder here too, so figures match production.
 */
public final class PasswordHashing {

    public static final int SALT_LENGTH_BYTES = 16;
    public static final int HASH_LENGTH_BYTES = 32;
    public static final int PARALLELISM = 1;
    public static final int MEMORY_KIB = 19_456;
    public static final int ITERATIONS = 2;

    private PasswordHashing() {
    }

    public static Argon2PasswordEncoder newEncoder() {
        return new Argon2PasswordEncoder(SALT_LENGTH_BYTES, HASH_LENGTH_BYTES, PARALLELISM, MEMORY_KIB, ITERATIONS);
    }
}
