package dev.lectern.platform.e2e;

import dev.lectern.platform.LocalPlatform;
import dev.lectern.platform.PlatformOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The real platform, started once for the whole IT run (first use) on free ports, and stopped when the test
 * JVM exits. Data and service logs stay in {@code platform/target/e2e-platform} for a look after a failure.
 */
final class SharedPlatform {

    static final String ADMIN_EMAIL = "admin@lectern.test";
    static final String ADMIN_PASSWORD = "Admin-e2e-Passw0rd!";
    static final String KEY_ENCRYPTION_SECRET = "e2e-key-encryption-secret-of-sufficient-length";

    private static LocalPlatform platform;
    private static RuntimeException startFailure;

    private SharedPlatform() {
    }

    static synchronized LocalPlatform get() {
        if (startFailure != null) {
            throw new IllegalStateException("The platform did not start (see the first failing test)", startFailure);
        }
        if (platform == null) {
            Path repo = PlatformOptions.findRepoRoot(Path.of(""));
            Path data = repo.resolve("platform/target/e2e-platform");
            deleteRecursively(data);
            Supplier<PlatformOptions> options = () -> PlatformOptions.forTests(repo, data)
                    .withCacheDir(repo.resolve("platform/target/e2e-cache")) // kept between runs: faster starts
                    .withEnv(Map.of(
                    "LECTERN_TRUSTED_PROXIES", "127.0.0.1/32",
                    "LECTERN_ADMIN_EMAIL", ADMIN_EMAIL,
                    "LECTERN_ADMIN_PASSWORD", ADMIN_PASSWORD,
                    "LECTERN_KEY_ENCRYPTION_SECRET", KEY_ENCRYPTION_SECRET));
            try {
                platform = FreshPorts.start(options).platform(); // its shutdown hook stops everything at JVM exit
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        return platform;
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
