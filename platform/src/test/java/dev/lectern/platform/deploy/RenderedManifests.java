package dev.lectern.platform.deploy;

/** deploy/k8s/rendered/lectern.yaml: the chart rendered with its default values, for kubectl apply users. */
final class RenderedManifests {

    private RenderedManifests() {
    }

    static String header() {
        return """
                # The Helm chart deploy/k8s rendered with its default values, for `kubectl apply -f`:
                #   helm template lectern deploy/k8s --namespace lectern
                # Do not edit: KubernetesChartTest fails when this differs from a fresh render.
                # Set the store addresses in the ConfigMaps and create the Secrets first (deploy/k8s/README.md).
                """;
    }
}
