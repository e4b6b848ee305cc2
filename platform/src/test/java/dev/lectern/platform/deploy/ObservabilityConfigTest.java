package dev.lectern.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The compose observability profile's configuration under deploy/observability/, parsed. */
class ObservabilityConfigTest {

    @Test
    void prometheusScrapesEveryReplicaOfEveryServiceOnTheManagementPort() {
        Map<String, Object> prometheus = Repository.yaml("deploy/observability/prometheus/prometheus.yml");
        List<Map<String, Object>> jobs = list(prometheus.get("scrape_configs"));

        assertThat(jobs).extracting(job -> job.get("job_name")).containsExactlyInAnyOrderElementsOf(Repository.SERVICES);
        for (Map<String, Object> job : jobs) {
            assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
            Map<String, Object> discovery = list(job.get("dns_sd_configs")).getFirst();
            assertThat(discovery).containsEntry("type", "A").containsEntry("port", 9090)
                    .containsEntry("names", List.of(job.get("job_name")));
        }
        assertThat(prometheus.get("rule_files")).isEqualTo(List.of("/etc/prometheus/alerts.yml"));
    }

    @Test
    void alertRulesAreAValidRuleFile() {
        Map<String, Object> alerts = Repository.yaml("deploy/observability/prometheus/alerts.yml");
        List<Map<String, Object>> groups = list(alerts.get("groups"));

        assertThat(groups).isNotEmpty().allSatisfy(group -> {
            assertThat(group.get("name")).isInstanceOf(String.class);
            assertThat(group.get("rules")).isInstanceOf(List.class);
            list(group.get("rules")).forEach(rule -> assertThat(rule).containsKeys("alert", "expr"));
        });
    }

    @Test
    void grafanaProvisionsPrometheusJaegerAndTheDashboardsDirectory() {
        Map<String, Object> datasources = Repository.yaml("deploy/observability/grafana/provisioning/datasources/lectern.yml");
        assertThat(list(datasources.get("datasources")).stream().collect(Collectors.toMap(d -> d.get("type"), d -> d.get("url"))))
                .containsEntry("prometheus", "http://prometheus:9090").containsEntry("jaeger", "http://jaeger:16686");

        Map<String, Object> providers = Repository.yaml("deploy/observability/grafana/provisioning/dashboards/lectern.yml");
        Map<String, Object> provider = list(providers.get("providers")).getFirst();
        assertThat(provider).containsEntry("type", "file");
        assertThat(((Map<?, ?>) provider.get("options")).get("path")).isEqualTo("/var/lib/grafana/dashboards");
    }

    @Test
    void dashboardIsValidJsonQueryingTheProvisionedPrometheus() {
        JsonNode dashboard = new ObjectMapper().readTree(Repository.read("deploy/observability/grafana/dashboards/lectern.json"));

        assertThat(dashboard.path("uid").asString()).isEqualTo("lectern-overview");
        assertThat(dashboard.path("templating").path("list").valueStream()
                .filter(variable -> variable.path("type").asString().equals("datasource"))
                .map(variable -> variable.path("query").asString()))
                .as("the dashboard's datasource variable picks a Prometheus datasource").containsExactly("prometheus");
        assertThat(dashboard.path("panels").isArray()).isTrue();
        dashboard.path("panels").forEach(panel -> {
            if (panel.has("datasource")) {
                assertThat(panel.path("datasource").path("type").asString()).isIn("prometheus", "jaeger");
                assertThat(panel.path("datasource").path("uid").asString()).isIn("${datasource}", "prometheus", "jaeger");
            }
        });
    }

    @Test
    void servicesExportTracesToJaegerWhenTheOperatorSwitchesItOn() {
        Map<String, Map<String, Object>> services = ComposeFile.services();
        assertThat(services.get("jaeger").get("image").toString()).contains("jaeger");
        for (String service : Repository.SERVICES) {
            assertThat(ComposeFile.environment(services, service))
                    .containsEntry("LECTERN_TRACING_OTLP_ENDPOINT", "${LECTERN_TRACING_OTLP_ENDPOINT:-}");
        }
        assertThat(Repository.read("docs/operating.md")).contains("LECTERN_TRACING_OTLP_ENDPOINT=http://jaeger:4318/v1/traces");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }
}
