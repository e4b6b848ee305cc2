package dev.lectern.platform.bench;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bare Argon2id hash rate with auth-service's parameters ({@code dev.lectern.auth.user.PasswordHashing}:
 * 16-byte salt, 32-byte hash, parallelism 1, 19456 KiB, 2 iterations; a test keeps these in step).
 */
final class HashRate {

    static final int SALT_LENGTH_BYTES = 16;
    static final int HASH_LENGTH_BYTES = 32;
    static final int PARALLELISM = 1;
    static final int MEMORY_KIB = 19_456;
    static final int ITERATIONS = 2;

    record Result(int threads, long hashes, double seconds) {

        double perSecond() {
            return hashes / seconds;
        }
    }

    private HashRate() {
    }

    static Argon2PasswordEncoder encoder() {
        return new Argon2PasswordEncoder(SALT_LENGTH_BYTES, HASH_LENGTH_BYTES, PARALLELISM, MEMORY_KIB, ITERATIONS);
    }

    /** Verifies one password against its hash, as a login does, on {@code threads} threads. */
    static Result measure(int threads, int maxHashes, Duration maxDuration) {
        Argon2PasswordEncoder encoder = encoder();
        String hash = encoder.encode("Correct-Horse-Battery-42");
        AtomicInteger next = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        long deadline = System.nanoTime() + maxDuration.toNanos();
        long started = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().name("bench-argon2-" + t).start(() -> {
                while (next.getAndIncrement() < maxHashes && System.nanoTime() < deadline) {
                    if (!encoder.matches("Correct-Horse-Battery-42", hash)) {
                        throw new IllegalStateException("Argon2 verification failed");
                    }
                    done.incrementAndGet();
                }
            }));
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Result(threads, done.get(), seconds);
    }
}
