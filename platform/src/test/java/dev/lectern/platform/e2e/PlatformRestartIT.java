package dev.lectern.platform.e2e;

import dev.lectern.infra.Ports;
import dev.lectern.platform.InfraPorts;
import dev.lectern.platform.LocalPlatform;
import dev.lectern.platform.PlatformOptions;
import dev.lectern.platform.PlatformStartException;
import dev.lectern.platform.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.lectern.platform.e2e.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A second platform of its own: refuses to start twice, leaves nothing behind, keeps its data. */
class PlatformRestartIT {

    @TempDir
    Path data;

    @Test
    void restartOnTheSameDataDirectoryKeepsUsersAndLeavesNoProcessBehind() {
        Path repo = PlatformOptions.findRepoRoot(Path.of(""));
        FreshPorts.Started started = FreshPorts.start(() -> PlatformOptions.forTests(repo, data)
                .withCacheDir(repo.resolve("platform/target/e2e-cache-restart")));
        PlatformOptions options = started.options();
        String email = Accounts.uniqueEmail();
        List<Long> firstPids = new ArrayList<>();

        try (LocalPlatform first = started.platform()) {
            for (Service s : Service.values()) {
                firstPids.add(first.pid(s));
            }
            Api.Response registered = Api.direct(first.gatewayUrl()).post("/api/v1/auth/register",
                    Accounts.registration(email, Accounts.uniqueMobile(), "student"));
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);

            assertThatThrownBy(() -> LocalPlatform.start(options))
                    .isInstanceOfSatisfying(PlatformStartException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                    .hasMessageContaining("GATEWAY_PORT");
            assertThat(Api.direct(first.managementUrl(Service.GATEWAY)).get("/actuator/health/readiness").status())
                    .isEqualTo(200);
        }

        assertThat(firstPids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(
                java.util.Optional.of(true)));
        assertThat(allPorts(options)).allSatisfy(port -> assertThat(Ports.isFree(port)).as("port " + port).isTrue());

        try (LocalPlatform second = LocalPlatform.start(options)) {
            Api.Response login = Api.direct(second.gatewayUrl()).post("/api/v1/auth/login",
                    json("email", email, "password", Accounts.PASSWORD));
            assertThat(login.status()).as(login.toString()).isEqualTo(200);
        }
    }

    private static List<Integer> allPorts(PlatformOptions options) {
        List<Integer> ports = new ArrayList<>(options.servicePorts().values());
        ports.addAll(options.managementPorts().values());
        InfraPorts infra = options.infraPorts();
        ports.addAll(List.of(infra.postgres(), infra.kafka(), infra.kafkaController(), infra.redis(), infra.mongo()));
        return ports;
    }
}
