package dev.lectern.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.platform.deploy.Dockerfile.Instruction;
import dev.lectern.platform.deploy.Dockerfile.Stage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Dockerfile's build stage without a Docker engine: only what the stage COPYs from the build context
 * (.dockerignore applied) goes into an empty directory, the stage's RUN command runs there as written, offline
 * from the local Maven repository (Docker's cache mount), and the runtime stage's layers come out of it.
 * webhook-service is the smallest service; the other four use the same stage and the same command.
 */
class DockerBuildStageIT {

    private static final String SERVICE = "webhook-service";

    @TempDir
    Path directory;

    @Test
    void buildStageBuildsAServiceFromWhatItCopiesAndExtractsTheRuntimeLayers() throws Exception {
        Dockerfile dockerfile = Dockerfile.parse(Repository.read("Dockerfile"));
        Stage build = dockerfile.stage("build");
        Path workdir = directory.resolve("src");
        DockerContext context = new DockerContext(Repository.ROOT);
        build.contextCopies().forEach(copy -> context.copy(copy.words(), workdir));
        assertThat(workdir.resolve(SERVICE + "/target")).as(".dockerignore keeps build output out").doesNotExist();

        String command = build.last("RUN").orElseThrow().arguments();
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).directory(workdir.toFile())
                .redirectErrorStream(true).redirectOutput(directory.resolve("build.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("SERVICE", SERVICE); // ARG SERVICE
        // the JDK running this test (>= 21, as the image's), and the local repository stands in for the cache mount
        String javaHome = System.getProperty("java.home");
        env.put("JAVA_HOME", javaHome);
        env.put("PATH", javaHome + "/bin:" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("MAVEN_ARGS", "-o");
        Process process = builder.start();
        process.getOutputStream().close();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("build finished").isTrue();
        assertThat(process.exitValue()).as(Files.readString(directory.resolve("build.log"))).isZero();

        // the runtime stage copies these directories from the build stage's WORKDIR into /app
        Path app = directory.resolve("app");
        for (Instruction layer : dockerfile.finalStage().all("COPY")) {
            if (layer.flags().containsKey("from")) {
                Path source = workdir.resolve(Path.of(build.workdir()).relativize(Path.of(layer.words().getFirst())));
                assertThat(source).as(layer.arguments()).isDirectory();
                copyInto(source, app);
            }
        }
        assertThat(app.resolve("org/springframework/boot/loader/launch/JarLauncher.class")).isRegularFile();
        assertThat(app.resolve("BOOT-INF/classes/application.yml")).isRegularFile();
        assertThat(app.resolve("BOOT-INF/lib")).isDirectoryContaining("glob:**/service-kit-*.jar")
                .isDirectoryContaining("glob:**/event-contracts-*.jar")
                .isDirectoryContaining("glob:**/spring-boot-*.jar");
        assertThat(workdir.resolve("layers/application/BOOT-INF/lib"))
                .as("our own modules change with the service, so they sit in its layer, above the dependencies")
                .isDirectoryContaining("glob:**/service-kit-*.jar");
        assertThat(workdir.resolve("layers/dependencies/BOOT-INF/lib")).isDirectoryNotContaining("glob:**/service-kit-*.jar");
    }

    private static void copyInto(Path layer, Path app) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(layer)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path file : files) {
            Path target = app.resolve(layer.relativize(file).toString());
            Files.createDirectories(target.getParent());
            Files.copy(file, target);
        }
    }
}
