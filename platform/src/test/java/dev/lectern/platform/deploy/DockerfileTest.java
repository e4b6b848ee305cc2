package dev.lectern.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.platform.deploy.Dockerfile.Instruction;
import dev.lectern.platform.deploy.Dockerfile.Stage;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Dockerfile, read: every reactor module reaches the build stage; the image runs non-root and layered. */
class DockerfileTest {

    private final Dockerfile dockerfile = Dockerfile.parse(Repository.read("Dockerfile"));
    private final Stage build = dockerfile.stage("build");
    private final Stage runtime = dockerfile.finalStage();

    @Test
    void buildStageCopiesEveryReactorModuleOfTheRootPom() {
        Set<String> copied = copiedPaths(build);

        // Maven stops at a reactor module whose pom is missing, whichever module -pl selects
        Set<String> missing = new TreeSet<>();
        for (String module : Repository.reactorModules()) {
            if (!copied.contains(module) && !copied.contains(module + "/pom.xml")) {
                missing.add(module);
            }
        }
        assertThat(missing).as("reactor modules the Dockerfile's build stage does not COPY").isEmpty();
        assertThat(copied).contains(".mvn", "mvnw", "pom.xml");
    }

    @Test
    void buildStageCopiesTheSourcesOfEveryModuleAServiceBuildsWith() {
        Set<String> copied = copiedPaths(build);
        Set<String> needed = Repository.SERVICES.stream().flatMap(s -> Repository.modulesToBuild(s).stream())
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(needed).contains("service-kit", "event-contracts", "testkit");
        assertThat(copied).as("whole module directories in the build stage").containsAll(needed);
    }

    @Test
    void runtimeImageIsLayeredAndRunsAsTheNonRootUser() {
        List<Instruction> layers = runtime.all("COPY").stream().filter(c -> c.flags().containsKey("from")).toList();
        assertThat(layers).extracting(c -> c.words().getFirst()).containsExactly(
                build.workdir() + "/layers/dependencies/", build.workdir() + "/layers/spring-boot-loader/",
                build.workdir() + "/layers/snapshot-dependencies/", build.workdir() + "/layers/application/");
        assertThat(build.last("RUN").orElseThrow().arguments())
                .contains("-Djarmode=tools").contains("extract --layers --launcher --destination layers");

        String user = runtime.last("USER").orElseThrow().arguments();
        assertThat(user).isEqualTo("10001:10001");
        assertThat(runtime.last("ENTRYPOINT").orElseThrow().arguments())
                .contains("org.springframework.boot.loader.launch.JarLauncher");
    }

    @Test
    void healthcheckAsksTheReadinessProbeOnTheManagementPort() {
        assertThat(runtime.last("HEALTHCHECK").orElseThrow().arguments()).contains("lectern-healthcheck");
        assertThat(env(runtime)).contains("MANAGEMENT_PORT=9090");
        assertThat(runtime.all("EXPOSE")).extracting(Instruction::arguments).containsExactly("8080 9090");
        Instruction script = runtime.contextCopies().stream()
                .filter(c -> c.words().getLast().equals("/usr/local/bin/lectern-healthcheck")).findFirst().orElseThrow();
        assertThat(script.flags()).containsEntry("chmod", "0555");
        assertThat(Repository.read(script.words().getFirst()))
                .contains("${MANAGEMENT_PORT:-9090}").contains("/actuator/health/readiness");
    }

    @Test
    void jvmOptionsFitTheOneGibibyteLimitOfTheContainers() {
        String options = env(runtime).stream().filter(e -> e.startsWith("JAVA_TOOL_OPTIONS="))
                .findFirst().orElseThrow().substring("JAVA_TOOL_OPTIONS=".length()).replace("\"", "");

        JvmMemoryBudget budget = JvmMemoryBudget.of(options);
        assertThat(options).contains("-XX:+ExitOnOutOfMemoryError");
        assertThat(budget.worstCaseMebibytes(1024)).isLessThanOrEqualTo(1024);
        assertThat(budget.worstCaseMebibytes(512)).as("half the memory does not fit").isGreaterThan(512);
    }

    private static List<String> env(Stage stage) {
        return stage.all("ENV").stream().map(Instruction::arguments).toList();
    }

    /** Context paths the stage copies, without trailing slash ({@code auth-service}, {@code platform/pom.xml}). */
    private static Set<String> copiedPaths(Stage stage) {
        return stage.contextCopies().stream()
                .flatMap(copy -> copy.words().subList(0, copy.words().size() - 1).stream())
                .map(source -> Path.of(source).normalize().toString())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
