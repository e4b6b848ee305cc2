package dev.lectern.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A service's executable jar extracted with Spring Boot's {@code -Djarmode=tools extract} into a cache
 * directory, re-extracted when the jar changes. Plain jars on the class path start about twice as fast as
 * nested ones and let the JVM keep a class-data archive (CDS) of the service between runs.
 */
final class ExtractedJar {

    private ExtractedJar() {
    }

    /**
     * @return the jar to run: the extracted one, or {@code execJar} itself when extraction is not possible
     */
    static Path prepare(Path execJar, Path cacheDir) {
        Path appDir = cacheDir.resolve("app");
        Path stampFile = cacheDir.resolve("source.stamp");
        Path extracted = appDir.resolve(execJar.getFileName());
        try {
            String stamp = execJar.toAbsolutePath() + " " + Files.size(execJar) + " " + Files.getLastModifiedTime(execJar).toMillis();
            if (Files.isRegularFile(extracted) && Files.isRegularFile(stampFile) && Files.readString(stampFile).equals(stamp)) {
                return extracted;
            }
            deleteRecursively(cacheDir);
            Files.createDirectories(cacheDir);
            Process extract = new ProcessBuilder(javaExecutable().toString(), "-Djarmode=tools", "-jar", execJar.toString(),
                    "extract", "--destination", appDir.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(cacheDir.resolve("extract.log").toFile())
                    .start();
            if (!extract.waitFor(120, TimeUnit.SECONDS)) {
                extract.destroyForcibly();
                return execJar;
            }
            if (extract.exitValue() != 0 || !Files.isRegularFile(extracted)) {
                return execJar;
            }
            Files.writeString(stampFile, stamp);
            return extracted;
        } catch (IOException e) {
            return execJar;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return execJar;
        }
    }

    /** JVM options that keep a class-data archive next to the extracted jar (JDK 19+). */
    static List<String> classDataSharingOptions(Path runJar, Path cacheDir) {
        if (Runtime.version().feature() < 19 || !runJar.startsWith(cacheDir)) {
            return List.of();
        }
        return List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + cacheDir.resolve("classes.jsa"),
                "-Xlog:cds*=off");
    }

    static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
