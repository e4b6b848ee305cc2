package dev.lectern.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml cannot be run here (no Docker engine), so its promises are checked by reading it:
 * CI also runs Compose's own parser over it ({@code docker-compose config}).
 */
class ComposeFileTest {

    private static final Set<String> OBSERVABILITY = Set.of("prometheus", "grafana", "jaeger");

    private final Map<String, Map<String, Object>> services = ComposeFile.services();

    @Test
    void runsTheFiveServicesOnRealInfrastructureImages() {
        assertThat(services).containsKeys("postgres", "mongo", "redis", "kafka", "edge");
        assertThat(services.keySet()).containsAll(Repository.SERVICES);
        assertThat(String.valueOf(services.get("mongo").get("command"))).contains("--replSet");
        assertThat(ComposeFile.environment(services, "kafka").get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
    }

    @Test
    void onlyTheEdgeProxyPublishesAPortAndNoContainerHasAFixedName() {
        services.forEach((name, service) -> {
            assertThat(service).as(name).doesNotContainKey("container_name");
            if (OBSERVABILITY.contains(name)) {
                assertThat((List<?>) service.get("ports")).as(name + ": this machine only")
                        .allSatisfy(port -> assertThat(port.toString()).startsWith("127.0.0.1:"));
            } else if (!name.equals("edge")) {
                assertThat(service).as(name).doesNotContainKey("ports");
            }
        });
        assertThat(services.get("edge").get("ports")).isEqualTo(List.of("${GATEWAY_PUBLISHED_PORT:-8080}:8080"));
        assertThat(services.get("edge").get("volumes").toString()).contains("./deploy/nginx/nginx.conf:/etc/nginx/nginx.conf:ro");
    }

    @Test
    void everyContainerHasAHealthcheckAndWaitsForHealthyDependencies() {
        services.forEach((name, service) -> {
            if (!Set.of("grafana", "jaeger").contains(name)) { // nothing waits for these two
                assertThat(service).as(name).containsKey("healthcheck");
            }
            Object dependsOn = service.get("depends_on");
            if (dependsOn != null) {
                assertThat(dependsOn).as(name + " depends_on").isInstanceOf(Map.class);
                ((Map<?, ?>) dependsOn).forEach((dependency, condition) -> {
                    assertThat(condition).as(name + " -> " + dependency).isEqualTo(Map.of("condition", "service_healthy"));
                    assertThat(services.get(dependency.toString())).as(dependency + " has a healthcheck").containsKey("healthcheck");
                });
            }
        });
    }

    @Test
    void servicesCheckTheirReadinessOnTheManagementPortWithinTheirMemoryLimit() {
        for (String name : Repository.SERVICES) {
            Map<String, Object> service = services.get(name);
            assertThat(service.get("healthcheck").toString()).as(name).contains("lectern-healthcheck");
            assertThat(service.get("mem_limit")).as(name).isEqualTo("1g"); // DockerfileTest: JVM options fit 1 GiB
            assertThat(ComposeFile.environment(services, name)).as(name).containsEntry("MANAGEMENT_PORT", "9090");
        }
    }

    @Test
    void eachServiceIsBuiltFromTheSharedDockerfileAsItsNamedImage() {
        for (String name : Repository.SERVICES) {
            Map<?, ?> build = (Map<?, ?>) services.get(name).get("build");
            assertThat(build.get("dockerfile")).as(name).isEqualTo("Dockerfile");
            assertThat(((Map<?, ?>) build.get("args")).get("SERVICE")).as(name).isEqualTo(name);
            assertThat(Repository.ROOT.resolve(name).resolve("pom.xml")).as(name).exists();
            assertThat(services.get(name).get("image")).as(name)
                    .isEqualTo("${LECTERN_IMAGE_REPOSITORY:-lectern}/" + name + ":${LECTERN_IMAGE_TAG:-latest}");
        }
    }

    @Test
    void observabilityProfileMountsItsConfigurationFromTheRepository() {
        for (String name : OBSERVABILITY) {
            assertThat(services.get(name).get("profiles")).as(name).isEqualTo(List.of("observability"));
        }
        assertThat(services.get("prometheus").get("volumes").toString())
                .contains("./deploy/observability/prometheus:/etc/prometheus:ro");
        assertThat(services.get("grafana").get("volumes").toString())
                .contains("./deploy/observability/grafana/provisioning:/etc/grafana/provisioning:ro")
                .contains("./deploy/observability/grafana/dashboards:/var/lib/grafana/dashboards:ro");
        for (Map<String, Object> service : services.values()) {
            for (Object volume : (List<?>) service.getOrDefault("volumes", List.of())) {
                String mount = volume.toString();
                if (mount.startsWith("./")) {
                    assertThat(Repository.ROOT.resolve(mount.substring(2, mount.indexOf(':')))).as(mount).exists();
                }
            }
        }
    }

    @Test
    void everyRequiredVariableIsInEnvExampleWithAValue() {
        Set<String> required = ComposeEnvironment.required();
        Set<String> set = Repository.read(".env.example").lines().filter(line -> line.matches("[A-Z0-9_]+=.*"))
                .map(line -> line.substring(0, line.indexOf('='))).collect(java.util.stream.Collectors.toSet());

        assertThat(required).contains("POSTGRES_PASSWORD", "REDIS_PASSWORD", "GRAFANA_ADMIN_PASSWORD");
        assertThat(set).containsAll(required);
    }

    @Test
    void everyVariableOfTheReadmeTableIsInEnvExample() {
        Set<String> inReadme = Repository.read("README.md").lines()
                .filter(line -> line.startsWith("| `"))
                .map(line -> line.split("\\|")[1])
                .flatMap(firstColumn -> java.util.regex.Pattern.compile("`([A-Z][A-Z0-9_]+)`").matcher(firstColumn).results())
                .map(m -> m.group(1))
                .collect(java.util.stream.Collectors.toSet());

        assertThat(inReadme).hasSizeGreaterThan(50);
        assertThat(EnvExample.variables()).containsAll(inReadme);
    }

    /** Variables compose refuses to start without ({@code ${NAME:?...}}). */
    private static final class ComposeEnvironment {
        static Set<String> required() {
            return java.util.regex.Pattern.compile("\\$\\{([A-Z0-9_]+):\\?").matcher(Repository.read("docker-compose.yml"))
                    .results().map(m -> m.group(1)).collect(java.util.stream.Collectors.toSet());
        }
    }
}
