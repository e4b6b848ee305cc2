package dev.lectern.platform.e2e;

import static dev.lectern.platform.e2e.Api.bearer;
import static dev.lectern.platform.e2e.Api.json;
import static dev.lectern.platform.e2e.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.platform.LocalPlatform;
import dev.lectern.platform.PlatformOptions;
import dev.lectern.platform.Service;
import dev.lectern.platform.observe.PromQl;
import dev.lectern.testkit.Eventually;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/**
 * What an operator relies on, on the running platform: actuator only on the management ports, and every metric the
 * shipped alert rules and Grafana dashboard query really exported by the services.
 */
class ObservabilityIT {

    /** Series Prometheus makes itself for every target. */
    private static final Set<String> MADE_BY_PROMETHEUS = Set.of("up");

    private final LocalPlatform platform = SharedPlatform.get();
    private final Path repo = PlatformOptions.findRepoRoot(Path.of(""));

    @Test
    void everyServiceAnswersProbesAndMetricsOnItsManagementPortAndNoPublicPortServesActuator() {
        for (Service service : Service.values()) {
            Api management = Api.direct(platform.managementUrl(service));
            assertThat(management.get("/actuator/health/readiness").status()).as(service.id()).isEqualTo(200);
            assertThat(management.get("/actuator/health/liveness").status()).as(service.id()).isEqualTo(200);
            Api.Response metrics = management.get("/actuator/prometheus");
            assertThat(metrics.status()).as(service.id()).isEqualTo(200);
            assertThat(metrics.body()).contains("application=\"" + service.id() + "\"");

            for (String path : List.of("/actuator/health/readiness", "/actuator/prometheus")) {
                assertProblem(Api.direct(platform.url(service)).get(path), 404, "not-found");
            }
        }
        assertProblem(Api.gateway().get("/actuator/prometheus"), 404, "not-found");
        assertProblem(Api.gateway().get("/actuator/health/readiness"), 404, "not-found");
    }

    @Test
    void everyMetricTheAlertRulesAndTheDashboardQueryIsExported() throws IOException {
        causeTheSeriesThatAppearOnFirstUse();
        Set<String> referenced = new TreeSet<>();
        alertExpressions().forEach(e -> referenced.addAll(PromQl.metricNames(e)));
        dashboardExpressions().forEach(e -> referenced.addAll(PromQl.metricNames(e)));
        assertThat(referenced).as("metrics named by alerts.yml and lectern.json").hasSizeGreaterThan(8);

        Eventually.assertThat(Duration.ofSeconds(60), () -> {
            Set<String> exported = new TreeSet<>(MADE_BY_PROMETHEUS);
            for (Service service : Service.values()) {
                exported.addAll(seriesNames(Api.direct(platform.managementUrl(service)).get("/actuator/prometheus").body()));
            }
            assertThat(exported).containsAll(referenced);
        });
    }

    /** A 429 on the auth route, a rejected webhook, Mux calls from media-service. */
    private void causeTheSeriesThatAppearOnFirstUse() {
        Api client = Api.gateway();
        int status = 0;
        for (int i = 0; i < 20 && status != 429; i++) {
            status = client.post("/api/v1/auth/login", json("email", Accounts.uniqueEmail(), "password", "x")).status();
        }
        assertThat(status).isEqualTo(429);

        assertProblem(Api.gateway().send("POST", "/webhooks/mux",
                new Api.RawBody("application/json", "{}".getBytes(StandardCharsets.UTF_8))), 401, "unauthorized");

        Accounts.Tokens instructor = Accounts.login(Accounts.register("instructor"));
        String lectureId = Courses.withLecture(instructor, "Observed").lectureId();
        Eventually.assertThat(Duration.ofSeconds(45), () -> assertThat(Api.gateway().post(
                "/api/v1/lectures/" + lectureId + "/uploads", null, bearer(instructor.accessToken())).status())
                .isEqualTo(201));
    }

    @SuppressWarnings("unchecked")
    private List<String> alertExpressions() throws IOException {
        Map<String, Object> rules = new Yaml().load(Files.readString(
                repo.resolve("deploy/observability/prometheus/alerts.yml")));
        List<String> expressions = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                expressions.add(String.valueOf(rule.get("expr")));
            }
        }
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(5);
        return expressions;
    }

    private List<String> dashboardExpressions() throws IOException {
        JsonNode dashboard = Api.JSON.readTree(Files.readString(
                repo.resolve("deploy/observability/grafana/dashboards/lectern.json")));
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                expressions.add(target.path("expr").asString());
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            String definition = variable.path("definition").asString("");
            if (definition.startsWith("label_values(")) {
                expressions.add(definition.substring("label_values(".length(), definition.indexOf(',')));
            }
        }
        return expressions;
    }

    /** The series names of a Prometheus text exposition. */
    static Set<String> seriesNames(String exposition) {
        Set<String> names = new TreeSet<>();
        exposition.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(line -> {
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        });
        return names;
    }
}
