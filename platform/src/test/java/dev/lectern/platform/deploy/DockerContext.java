package dev.lectern.platform.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The build context Docker would send: the checkout minus what {@code .dockerignore} excludes, and
 * {@code COPY} from it into a directory the way a build stage does.
 */
final class DockerContext {

    private final Path root;
    private final List<PathMatcher> ignored = new ArrayList<>();

    DockerContext(Path root) {
        this.root = root;
        Path dockerignore = root.resolve(".dockerignore");
        try {
            for (String line : Files.exists(dockerignore) ? Files.readAllLines(dockerignore) : List.<String>of()) {
                String pattern = line.strip();
                if (pattern.isEmpty() || pattern.startsWith("#")) {
                    continue;
                }
                if (pattern.startsWith("!")) {
                    throw new IllegalStateException(".dockerignore exceptions (" + pattern + ") are not understood here");
                }
                pattern = pattern.replaceAll("^/+", "").replaceAll("/+$", "");
                ignored.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern));
                if (pattern.startsWith("**/")) {
                    // Docker's ** also matches no directory at all
                    ignored.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern.substring(3)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether Docker leaves this path (relative to the context) out of the context: it or a parent matches. */
    boolean isIgnored(Path relative) {
        for (Path p = relative; p != null; p = p.getParent()) {
            Path candidate = p;
            if (ignored.stream().anyMatch(m -> m.matches(candidate))) {
                return true;
            }
        }
        return false;
    }

    /**
     * One context {@code COPY src... dest} relative to {@code workdir}: a directory source copies its
     * contents, a file source lands in {@code dest} (a directory when it ends with '/' or there are several).
     */
    void copy(List<String> words, Path workdir) {
        List<String> sources = words.subList(0, words.size() - 1);
        String destination = words.getLast();
        Path target = workdir.resolve(destination.startsWith("/") ? destination.substring(1) : destination).normalize();
        boolean intoDirectory = destination.endsWith("/") || sources.size() > 1;
        for (String source : sources) {
            Path relative = Path.of(source).normalize();
            Path from = root.resolve(relative);
            if (!Files.exists(from) || isIgnored(relative)) {
                throw new AssertionError("COPY " + source + ": not in the build context");
            }
            if (Files.isDirectory(from)) {
                copyTree(relative, target);
            } else {
                copyFile(from, intoDirectory ? target.resolve(from.getFileName().toString()) : target);
            }
        }
    }

    private void copyTree(Path relativeDirectory, Path target) {
        try (Stream<Path> files = Files.walk(root.resolve(relativeDirectory))) {
            files.filter(Files::isRegularFile).forEach(file -> {
                Path relative = root.relativize(file);
                if (!isIgnored(relative)) {
                    copyFile(file, target.resolve(relativeDirectory.relativize(relative).toString()));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyFile(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
