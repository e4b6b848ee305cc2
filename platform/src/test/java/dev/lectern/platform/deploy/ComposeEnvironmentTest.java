package dev.lectern.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml carries every setting: each container receives every variable its service reads, under
 * the same name, with the service's own default (or a stated compose one), and nothing nobody reads.
 */
class ComposeEnvironmentTest {

    /** {@code ${NAME:-default}} (operator may set it) or {@code ${NAME:?message}} (operator must set it). */
    private static final Pattern INTERPOLATION = Pattern.compile("^\\$\\{([A-Z][A-Z0-9_]*)(:-|:\\?)(.*)}$");
    private static final Pattern ANY_INTERPOLATION = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");

    /** Fixed by the compose network and images: where the other containers are, and the container ports. */
    private static final Set<String> WIRING = Set.of("GATEWAY_PORT", "AUTH_SERVICE_PORT", "COURSE_SERVICE_PORT",
            "MEDIA_SERVICE_PORT", "WEBHOOK_SERVICE_PORT", "MANAGEMENT_PORT", "KAFKA_BOOTSTRAP_SERVERS",
            "LECTERN_JWKS_URI", "POSTGRES_URL", "MONGO_URI", "REDIS_HOST", "REDIS_PORT", "AUTH_SERVICE_URL",
            "COURSE_SERVICE_URL", "MEDIA_SERVICE_URL", "WEBHOOK_SERVICE_URL");

    /** Where compose's default differs from the service's, and why. */
    private static final Map<String, String> COMPOSE_DEFAULTS = Map.of(
            "LOG_FORMAT", "json", // containers log for a collector
            "POSTGRES_USER", "lectern", // the user compose's PostgreSQL is created with
            "LECTERN_TRUSTED_PROXIES", "10.0.0.0/8,172.16.0.0/12,192.168.0.0/16"); // the edge proxy on any Docker network

    private final Map<String, Map<String, Object>> services = ComposeFile.services();

    @Test
    void everyVariableAServiceReadsReachesItsContainer() {
        Map<String, Set<String>> missing = new TreeMap<>();
        for (String service : Repository.SERVICES) {
            Set<String> received = ComposeFile.environment(services, service).keySet();
            for (String variable : ServiceVariables.of(service).keySet()) {
                if (!received.contains(variable) && !DeployVariables.LOCAL_PLATFORM_ONLY.contains(variable)) {
                    missing.computeIfAbsent(service, s -> new TreeSet<>()).add(variable);
                }
            }
        }
        assertThat(missing).as("variables a service reads that its container does not receive").isEmpty();
    }

    @Test
    void composePassesNoVariableItsServiceDoesNotRead() {
        Map<String, Set<String>> unread = new TreeMap<>();
        for (String service : Repository.SERVICES) {
            Set<String> read = ServiceVariables.of(service).keySet();
            for (String variable : ComposeFile.environment(services, service).keySet()) {
                if (!read.contains(variable) && !DeployVariables.isPending(service, variable)) {
                    unread.computeIfAbsent(service, s -> new TreeSet<>()).add(variable);
                }
            }
        }
        assertThat(unread).as("variables compose passes that the service never reads").isEmpty();
    }

    @Test
    void operatorsSetEachVariableUnderItsOwnNameWithTheServicesDefault() {
        Map<String, String> wrong = new TreeMap<>();
        for (String service : Repository.SERVICES) {
            ComposeFile.environment(services, service).forEach((variable, value) -> {
                Matcher m = INTERPOLATION.matcher(value);
                String where = service + " " + variable;
                if (!m.matches()) {
                    if (!WIRING.contains(variable)) {
                        wrong.put(where, value + " (fixed: an operator cannot set it)");
                    }
                    return;
                }
                if (!m.group(1).equals(variable)) {
                    wrong.put(where, value + " (read from another variable)");
                } else if (m.group(2).equals(":-") && DeployVariables.SECRETS.contains(variable) && !m.group(3).isEmpty()) {
                    wrong.put(where, value + " (a secret with a default)");
                } else if (m.group(2).equals(":-") && !DeployVariables.isPending(service, variable)) {
                    String expected = COMPOSE_DEFAULTS.getOrDefault(variable, ServiceVariables.defaultOf(service, variable));
                    if (!m.group(3).equals(expected)) {
                        wrong.put(where, value + " (the service's default is " + expected + ")");
                    }
                }
            });
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void secretsWithoutAUsableEmptyValueAreRequired() {
        for (String secret : Set.of("POSTGRES_PASSWORD", "LECTERN_KEY_ENCRYPTION_SECRET", "MUX_WEBHOOK_SECRETS",
                "REDIS_PASSWORD")) {
            Repository.SERVICES.stream().map(s -> ComposeFile.environment(services, s).get(secret))
                    .filter(java.util.Objects::nonNull)
                    .forEach(value -> assertThat(value).as(secret).startsWith("${" + secret + ":?"));
        }
    }

    @Test
    void everyVariableOfEnvExampleIsReadByAServiceOrByCompose() {
        Set<String> readByServices = new TreeSet<>();
        Repository.SERVICES.forEach(s -> readByServices.addAll(ServiceVariables.of(s).keySet()));
        Set<String> interpolatedByCompose = interpolated();

        Set<String> unused = new TreeSet<>(EnvExample.variables());
        unused.removeAll(readByServices);
        unused.removeAll(interpolatedByCompose);
        unused.removeAll(DeployVariables.LOCAL_PLATFORM_ONLY);
        unused.removeAll(DeployVariables.PENDING.keySet());
        unused.remove("COMPOSE_PROFILES"); // read by docker compose itself
        assertThat(unused).as(".env.example variables nothing reads").isEmpty();
    }

    @Test
    void everyVariableComposeInterpolatesIsInEnvExample() {
        assertThat(EnvExample.variables()).containsAll(interpolated());
    }

    @Test
    void pendingVariablesAreNotYetRead() {
        DeployVariables.PENDING.forEach((variable, readers) -> readers.forEach(service -> assertThat(
                ServiceVariables.of(service)).as(service + " reads " + variable + " now: remove it from "
                        + "DeployVariables.PENDING").doesNotContainKey(variable)));
    }

    private static Set<String> interpolated() {
        Set<String> names = new TreeSet<>();
        Matcher m = ANY_INTERPOLATION.matcher(Repository.read("docker-compose.yml"));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
