package dev.lectern.platform.deploy;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * deploy/k8s rendered by the real Helm engine (helm-java, no helm binary) and read into fabric8's typed
 * Kubernetes objects, strictly: an unknown kind, an unknown field or a wrong type is an error.
 */
final class RenderedChart {

    static final Path CHART = Repository.ROOT.resolve("deploy/k8s");
    static final String RELEASE = "lectern";
    static final String NAMESPACE = "lectern";

    final String yaml;
    final List<HasMetadata> objects;

    private RenderedChart(String yaml) {
        this.yaml = yaml;
        this.objects = parse(yaml);
    }

    static RenderedChart withDefaultValues() {
        return new RenderedChart(new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE).call());
    }

    <T extends HasMetadata> T get(Class<T> kind, String name) {
        return objects.stream().filter(kind::isInstance).map(kind::cast)
                .filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " " + name + " in the chart"));
    }

    <T extends HasMetadata> List<T> all(Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    static List<HasMetadata> parse(String yaml) {
        KubernetesSerialization serialization = new KubernetesSerialization();
        List<HasMetadata> objects = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (document.lines().allMatch(line -> line.isBlank() || line.strip().startsWith("#"))) {
                continue;
            }
            Object parsed = serialization.unmarshal(document);
            if (!(parsed instanceof HasMetadata object) || parsed instanceof GenericKubernetesResource) {
                throw new AssertionError("not a known Kubernetes kind:\n" + document);
            }
            String where = object.getKind() + " " + object.getMetadata().getName();
            unknownFields(object, where, unknown);
            objects.add(object);
        }
        if (!unknown.isEmpty()) {
            throw new AssertionError("fields Kubernetes does not know: " + unknown);
        }
        return objects;
    }

    /** fabric8 keeps fields its model lacks in additionalProperties instead of failing: any there is an error. */
    private static void unknownFields(Object node, String path, List<String> unknown) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> unknownFields(value, path + "." + key, unknown));
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (node == null || !node.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value = invoke(getter, node);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
            } else {
                unknownFields(value, path + "." + getter.getName().substring(3), unknown);
            }
        }
    }

    private static Object invoke(Method getter, Object node) {
        try {
            return getter.invoke(node);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }
}
