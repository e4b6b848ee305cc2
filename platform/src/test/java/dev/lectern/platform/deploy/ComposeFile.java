package dev.lectern.platform.deploy;

import java.util.Map;
import java.util.TreeMap;

/** docker-compose.yml read with a YAML parser (anchors and merge keys resolved). */
final class ComposeFile {

    private ComposeFile() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> services() {
        return (Map<String, Map<String, Object>>) Repository.yaml("docker-compose.yml").get("services");
    }

    /** A service's {@code environment} as written (values unresolved, e.g. {@code ${NAME:-default}}). */
    static Map<String, String> environment(Map<String, Map<String, Object>> services, String service) {
        Map<?, ?> environment = (Map<?, ?>) services.get(service).get("environment");
        Map<String, String> values = new TreeMap<>();
        if (environment != null) {
            environment.forEach((k, v) -> values.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        }
        return values;
    }
}
