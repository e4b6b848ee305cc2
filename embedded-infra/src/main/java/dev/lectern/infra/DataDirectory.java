package dev.lectern.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A server's data directory: the one given (kept), or a temporary one (deleted on close). */
final class DataDirectory {

    private final Path path;
    private final boolean temporary;

    private DataDirectory(Path path, boolean temporary) {
        this.path = path;
        this.temporary = temporary;
    }

    static DataDirectory of(Path given, String tempPrefix) {
        try {
            if (given != null) {
                Files.createDirectories(given);
                return new DataDirectory(given.toAbsolutePath(), false);
            }
            return new DataDirectory(Files.createTempDirectory("lectern-" + tempPrefix + "-"), true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create data directory " + given, e);
        }
    }

    Path path() {
        return path;
    }

    boolean isTemporary() {
        return temporary;
    }

    void deleteIfTemporary() {
        if (temporary) {
            deleteRecursively(path);
        }
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a leftover temp file is harmless
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
