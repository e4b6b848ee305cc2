package dev.lectern.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

/** The strict reading of rendered manifests that KubernetesChartTest relies on. */
class RenderedChartTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: gateway
            spec:
              template:
                spec:
                  containers:
                    - name: gateway
                      image: lectern/gateway:latest
                      %s
            """;

    @Test
    void readsAKnownObjectIntoItsType() {
        assertThat(RenderedChart.parse("---\n# Source: x\n" + DEPLOYMENT.formatted("imagePullPolicy: Always")))
                .singleElement().isInstanceOf(Deployment.class);
    }

    @Test
    void rejectsAFieldKubernetesDoesNotKnow() {
        assertThatThrownBy(() -> RenderedChart.parse(DEPLOYMENT.formatted("readinessProbee: {}")))
                .hasMessageContaining("readinessProbee");
    }

    @Test
    void rejectsAValueOfTheWrongType() {
        assertThatThrownBy(() -> RenderedChart.parse(DEPLOYMENT.formatted("ports: [{containerPort: eighty}]")));
    }

    @Test
    void rejectsAKindKubernetesDoesNotKnow() {
        assertThatThrownBy(() -> RenderedChart.parse("apiVersion: v1\nkind: Deploymint\nmetadata:\n  name: x\n"))
                .hasMessageContaining("Deploymint");
    }
}
