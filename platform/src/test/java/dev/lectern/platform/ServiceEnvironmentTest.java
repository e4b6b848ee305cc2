package dev.lectern.platform;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What each service is told through its environment (nothing is started here). */
class ServiceEnvironmentTest {

    private final PlatformOptions options = PlatformOptions.forTests(Path.of("/repo"), Path.of("/data"))
            .withEnv("LECTERN_TRUSTED_PROXIES", "127.0.0.1/32");
    private final LocalPlatform platform = new LocalPlatform(options);
    private final InfraPorts infra = options.infraPorts();

    @Test
    void everyServiceKnowsAllPortsItsManagementPortKafkaTheJwksAndItsParent() {
        for (Service service : Service.values()) {
            Map<String, String> env = platform.environmentOf(service);

            for (Service s : Service.values()) {
                assertThat(env).containsEntry(s.portEnv(), String.valueOf(options.port(s)));
            }
            assertThat(env).containsEntry("MANAGEMENT_PORT", String.valueOf(options.managementPort(service)))
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + infra.kafka())
                    .containsEntry("LECTERN_JWKS_URI", "http://localhost:" + options.port(Service.AUTH) + "/.well-known/jwks.json")
                    .containsEntry("LECTERN_PARENT_PID", String.valueOf(ProcessHandle.current().pid()))
                    .containsEntry("LECTERN_TRUSTED_PROXIES", "127.0.0.1/32");
        }
    }

    @Test
    void postgresServicesEachGetTheirOwnDatabase() {
        assertThat(platform.environmentOf(Service.AUTH))
                .containsEntry("POSTGRES_URL", "jdbc:postgresql://localhost:" + infra.postgres() + "/auth")
                .containsEntry("POSTGRES_USER", "postgres").containsEntry("POSTGRES_PASSWORD", "postgres");
        assertThat(platform.environmentOf(Service.MEDIA))
                .containsEntry("POSTGRES_URL", "jdbc:postgresql://localhost:" + infra.postgres() + "/media");
        assertThat(platform.environmentOf(Service.WEBHOOK))
                .containsEntry("POSTGRES_URL", "jdbc:postgresql://localhost:" + infra.postgres() + "/webhook");
        assertThat(platform.environmentOf(Service.COURSE)).doesNotContainKey("POSTGRES_URL");
    }

    @Test
    void courseServiceGetsMongoAndTheGatewayGetsRedisAndEveryUpstream() {
        assertThat(platform.environmentOf(Service.COURSE))
                .containsEntry("MONGO_URI", "mongodb://localhost:" + infra.mongo() + "/course");
        assertThat(platform.environmentOf(Service.GATEWAY))
                .containsEntry("REDIS_HOST", "localhost")
                .containsEntry("REDIS_PORT", String.valueOf(infra.redis()))
                .containsEntry("AUTH_SERVICE_URL", "http://localhost:" + options.port(Service.AUTH))
                .containsEntry("COURSE_SERVICE_URL", "http://localhost:" + options.port(Service.COURSE))
                .containsEntry("MEDIA_SERVICE_URL", "http://localhost:" + options.port(Service.MEDIA))
                .containsEntry("WEBHOOK_SERVICE_URL", "http://localhost:" + options.port(Service.WEBHOOK))
                .doesNotContainKey("POSTGRES_URL");
    }

    @Test
    void extraEnvironmentWinsOverWhatThePlatformSets() {
        LocalPlatform custom = new LocalPlatform(options.withEnv("KAFKA_BOOTSTRAP_SERVERS", "elsewhere:9092"));

        assertThat(custom.environmentOf(Service.AUTH)).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "elsewhere:9092");
    }
}
