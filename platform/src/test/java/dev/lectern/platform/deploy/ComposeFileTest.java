package dev.lectern.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot be run here (no Docker engine), so its promises are checked by reading it:
 * CI also runs Compose's own parser over it ({@code docker-compose config}).
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Set<String> JAVA_SERVICES = Set.of("gateway", "auth-service", "course-service",
            "media-service", "webhook-service");

    private final Map<String, Map<String, Object>> services = services();

    @Test
    void runsTheFiveServicesOnRealInfrastructureImages() {
        assertThat(services).containsKeys("postgres", "mongo", "redis", "kafka");
        assertThat(services.keySet()).containsAll(JAVA_SERVICES);
        assertThat(String.valueOf(services.get("mongo").get("command"))).contains("--replSet");
        assertThat(env("kafka").get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
    }

    @Test
    void onlyTheGatewayPublishesAPortAndNoContainerHasAFixedName() {
        services.forEach((name, service) -> {
            assertThat(service).as(name).doesNotContainKey("container_name");
            if (!name.equals("gateway")) {
                assertThat(service).as(name).doesNotContainKey("ports");
            }
        });
        assertThat(services.get("gateway")).containsKey("ports");
    }

    @Test
    void everyContainerHasAHealthcheckAndWaitsForHealthyDependencies() {
        services.forEach((name, service) -> {
            assertThat(service).as(name).containsKey("healthcheck");
            Object dependsOn = service.get("depends_on");
            if (dependsOn != null) {
                assertThat(dependsOn).as(name + " depends_on").isInstanceOf(Map.class);
                ((Map<?, ?>) dependsOn).forEach((dependency, condition) -> assertThat(condition)
                        .as(name + " -> " + dependency).isEqualTo(Map.of("condition", "service_healthy")));
            }
        });
    }

    @Test
    void eachServiceIsBuiltFromTheSharedDockerfileWithItsOwnName() {
        for (String name : JAVA_SERVICES) {
            Map<?, ?> build = (Map<?, ?>) services.get(name).get("build");
            assertThat(build.get("dockerfile")).as(name).isEqualTo("Dockerfile");
            assertThat(((Map<?, ?>) build.get("args")).get("SERVICE")).as(name).isEqualTo(name);
            assertThat(ROOT.resolve(name).resolve("pom.xml")).as(name).exists();
        }
    }

    @Test
    void dockerfileIsMultiStageLayeredAndRunsAsNonRoot() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));

        assertThat(Pattern.compile("(?m)^FROM ").matcher(dockerfile).results().count()).isGreaterThanOrEqualTo(2);
        assertThat(dockerfile).contains("-Djarmode=tools").contains("--layers");
        Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(dockerfile);
        assertThat(user.find()).isTrue();
        assertThat(user.group(1)).doesNotStartWith("root").doesNotStartWith("0");
    }

    @Test
    void everyRequiredVariableIsInEnvExample() throws IOException {
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        Set<String> required = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?").matcher(compose).results()
                .map(m -> m.group(1)).collect(Collectors.toSet());
        Set<String> documented = Files.readAllLines(ROOT.resolve(".env.example")).stream()
                .filter(line -> line.matches("[A-Z0-9_]+=.*")).map(line -> line.substring(0, line.indexOf('=')))
                .collect(Collectors.toSet());

        assertThat(required).isNotEmpty();
        assertThat(documented).containsAll(required);
    }

    @Test
    void everyVariableOfTheReadmeTableIsInEnvExample() throws IOException {
        Set<String> documented = Pattern.compile("(?m)^#? ?([A-Z][A-Z0-9_]*)=")
                .matcher(Files.readString(ROOT.resolve(".env.example"))).results().map(m -> m.group(1))
                .collect(Collectors.toSet());
        Set<String> inReadme = Files.readAllLines(ROOT.resolve("README.md")).stream()
                .filter(line -> line.startsWith("| `"))
                .map(line -> line.split("\\|")[1])
                .flatMap(firstColumn -> Pattern.compile("`([A-Z][A-Z0-9_]+)`").matcher(firstColumn).results())
                .map(m -> m.group(1))
                .collect(Collectors.toSet());

        assertThat(inReadme).hasSizeGreaterThan(50);
        assertThat(documented).containsAll(inReadme);
    }

    private Map<String, String> env(String service) {
        @SuppressWarnings("unchecked")
        Map<String, Object> environment = (Map<String, Object>) services.get(service).get("environment");
        return environment.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() {
        try {
            Yaml yaml = new Yaml(new LoaderOptions());
            Map<String, Object> compose = yaml.load(Files.readString(ROOT.resolve("docker-compose.yml")));
            assertThat(compose).containsKey("services");
            return (Map<String, Map<String, Object>>) compose.get("services");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
