package dev.lectern.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What the operator documentation (docs/operating.md, deploy/k8s/README.md, README.md) says about compose and
 * the chart is still true of them: services, profiles, ports, values, Secrets, variables and links.
 */
class OperatingDocsTest {

    private static final List<String> DOCS = List.of("docs/operating.md", "deploy/k8s/README.md", "README.md");

    private final Map<String, Map<String, Object>> compose = ComposeFile.services();

    @Test
    void composeCommandsNameRealServicesAndProfiles() {
        Set<String> profiles = compose.values().stream().flatMap(s -> ((List<?>) s.getOrDefault("profiles", List.of())).stream())
                .map(Object::toString).collect(Collectors.toSet());
        for (String doc : DOCS) {
            String text = Repository.read(doc);
            matches("--scale ([a-z-]+)=\\d", text).forEach(service -> assertThat(compose).as(doc).containsKey(service));
            matches("--profile ([a-z-]+)", text).forEach(profile -> assertThat(profiles).as(doc).contains(profile));
            matches("COMPOSE_PROFILES=([a-z-]+)", text).forEach(profile -> assertThat(profiles).as(doc).contains(profile));
        }
    }

    @Test
    void addressesOnThisMachineArePublishedPorts() {
        Set<String> published = compose.values().stream().flatMap(s -> ((List<?>) s.getOrDefault("ports", List.of())).stream())
                .map(port -> port.toString().replaceAll("^127\\.0\\.0\\.1:", "").replaceAll("\\$\\{[A-Z_]+:-(\\d+)}", "$1"))
                .map(port -> port.substring(0, port.indexOf(':'))).collect(Collectors.toSet());
        for (String doc : DOCS) {
            matches("(?:localhost|127\\.0\\.0\\.1):(\\d+)", deploymentText(doc))
                    .forEach(port -> assertThat(published).as(doc + " cites port " + port).contains(port));
        }
        assertThat(published).contains("8080", "3000", "9090", "16686");
    }

    @Test
    void variablesTheDocsNameExist() {
        Set<String> known = EnvExample.variables();
        for (String doc : DOCS) {
            Set<String> named = new TreeSet<>(matches("`(?:\\$\\{)?([A-Z][A-Z0-9]*_[A-Z0-9_]+)", Repository.read(doc)));
            named.remove("JAVA_TOOL_OPTIONS"); // the JVM's, set by the image and the chart
            named.remove("JAVA_HOME"); // the build's
            assertThat(known).as(doc).containsAll(named);
        }
    }

    @Test
    void chartValuesTheDocsNameExist() {
        Map<String, Object> values = Repository.yaml("deploy/k8s/values.yaml");
        for (String doc : DOCS) {
            for (String path : matches("`([a-z][A-Za-z]*(?:\\.[A-Za-z<>-]+)+)`", Repository.read(doc))) {
                List<String> keys = List.of(path.split("\\."));
                if (values.containsKey(keys.getFirst())) {
                    // a service's own settings overlay the chart's defaults
                    boolean asDefault = keys.size() > 2 && keys.getFirst().equals("services")
                            && exists(values.get("defaults"), keys.subList(2, keys.size()));
                    assertThat(exists(values, keys) || asDefault).as(doc + " names " + path).isTrue();
                }
            }
        }
    }

    @Test
    void theReadmeCreatesEverySecretTheChartReferences() {
        Set<String> referenced = new TreeSet<>();
        Map<?, ?> services = (Map<?, ?>) Repository.yaml("deploy/k8s/values.yaml").get("services");
        services.values().forEach(service -> ((Map<?, ?>) ((Map<?, ?>) service).get("secretEnv")).values().forEach(ref -> {
            Map<?, ?> secret = (Map<?, ?>) ref;
            referenced.add(secret.get("secret") + "/" + secret.get("key"));
        }));

        Set<String> created = new TreeSet<>();
        Matcher command = Pattern.compile("create secret generic ([a-z-]+)((?:\\s*\\\\?\\s*--from-literal=[a-z-]+=\\S+)+)")
                .matcher(Repository.read("deploy/k8s/README.md"));
        while (command.find()) {
            for (String key : matches("--from-literal=([a-z-]+)=", command.group(2))) {
                created.add(command.group(1) + "/" + key);
            }
        }
        assertThat(created).isEqualTo(referenced);
    }

    @Test
    void relativeLinksLeadToFilesOfTheRepository() {
        for (String doc : DOCS) {
            Path base = Repository.ROOT.resolve(doc).getParent();
            for (String link : matches("\\]\\(([^)#:]+)(?:#[^)]*)?\\)", Repository.read(doc))) {
                assertThat(base.resolve(link).normalize()).as(doc + " links " + link).exists();
            }
        }
    }

    /** The docs, of README.md only its deployment section (the rest is about the local platform). */
    private static String deploymentText(String doc) {
        String text = Repository.read(doc);
        return doc.equals("README.md") ? text.substring(text.indexOf("## Deploying with docker compose")) : text;
    }

    private static boolean exists(Object node, List<String> path) {
        if (path.isEmpty()) {
            return true;
        }
        if (!(node instanceof Map<?, ?> map)) {
            return false;
        }
        String key = path.getFirst();
        List<String> rest = path.subList(1, path.size());
        if (key.equals("<name>")) {
            return map.values().stream().anyMatch(child -> exists(child, rest));
        }
        return map.containsKey(key) && exists(map.get(key), rest);
    }

    private static List<String> matches(String regex, String text) {
        return Pattern.compile(regex).matcher(text).results().map(m -> m.group(1)).toList();
    }
}
