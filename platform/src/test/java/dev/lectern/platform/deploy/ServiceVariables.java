package dev.lectern.platform.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The environment variables a service reads, with their defaults: every {@code ${NAME:default}} placeholder in
 * the YAML of its modules' {@code src/main/resources} (read with a YAML parser), every {@code "${NAME:default}"}
 * and {@code getProperty("NAME", "default")} in their Java sources (service-kit's shared defaults,
 * {@code @Value}). A service's modules are itself and the {@code dev.lectern} modules it depends on.
 * Only upper-case names count: lower-case placeholders are Spring properties, not variables.
 */
final class ServiceVariables {

    /** A variable and its default: null when the service has none (the variable must be set). */
    record Read(String name, String defaultValue) {
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}\"]*))?}");
    private static final Pattern GET_PROPERTY = Pattern.compile("getProperty\\(\"([A-Z][A-Z0-9_]*)\"(?:,\\s*\"([^\"]*)\")?");

    private static final Map<String, Map<String, Set<String>>> BY_SERVICE = new ConcurrentHashMap<>();

    private ServiceVariables() {
    }

    /** Variable name to its defaults (more than one only when modules disagree), for one service. */
    static Map<String, Set<String>> of(String service) {
        return BY_SERVICE.computeIfAbsent(service, ServiceVariables::scan);
    }

    private static Map<String, Set<String>> scan(String service) {
        Map<String, Set<String>> variables = new TreeMap<>();
        for (String module : Repository.runtimeModules(service)) {
            for (Read read : readBy(Repository.ROOT.resolve(module).resolve("src/main"))) {
                variables.computeIfAbsent(read.name(), n -> new TreeSet<>())
                        .add(read.defaultValue() == null ? "<none>" : read.defaultValue());
            }
        }
        return Collections.unmodifiableMap(variables);
    }

    /** The one default of a variable the service reads (the test fails on a service whose modules disagree). */
    static String defaultOf(String service, String variable) {
        Set<String> defaults = of(service).get(variable);
        if (defaults == null || defaults.size() != 1) {
            throw new AssertionError(service + " reads " + variable + " with defaults " + defaults);
        }
        return defaults.iterator().next();
    }

    private static List<Read> readBy(Path sources) {
        List<Read> reads = new ArrayList<>();
        if (!Files.isDirectory(sources)) {
            return reads;
        }
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".yml") || name.endsWith(".yaml")) {
                    for (Object document : new Yaml(new LoaderOptions()).loadAll(Files.readString(file))) {
                        scalars(document, reads);
                    }
                } else if (name.endsWith(".java")) {
                    String java = Files.readString(file);
                    match(PLACEHOLDER, java, reads);
                    match(GET_PROPERTY, java, reads);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return reads;
    }

    private static void scalars(Object node, List<Read> reads) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                scalars(key, reads);
                scalars(value, reads);
            });
        } else if (node instanceof Collection<?> list) {
            list.forEach(item -> scalars(item, reads));
        } else if (node != null) {
            match(PLACEHOLDER, node.toString(), reads);
        }
    }

    private static void match(Pattern pattern, String text, List<Read> reads) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            reads.add(new Read(m.group(1), m.group(2)));
        }
    }
}
