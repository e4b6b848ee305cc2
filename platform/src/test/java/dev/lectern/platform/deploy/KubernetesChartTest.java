package dev.lectern.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * deploy/k8s, the Helm chart, rendered with its default values and read as Kubernetes objects: per service a
 * hardened Deployment probed on the management port, its Service, HPA, PDB, ConfigMap and NetworkPolicy, and
 * a source for every variable the service reads.
 */
class KubernetesChartTest {

    static final java.util.List<String> SERVICES = Repository.SERVICES;

    /** Where the chart's default differs from the service's own, and why. */
    private static final Map<String, String> CHART_DEFAULTS = Map.of(
            "LOG_FORMAT", "json", // for the cluster's log collector
            "LECTERN_TRUSTED_PROXIES", "10.0.0.0/8,172.16.0.0/12,192.168.0.0/16"); // the ingress controller's pods

    /** Addresses and ports of the stores, other services and this pod: the chart or the operator sets them. */
    private static final Set<String> ADDRESSES = Set.of("GATEWAY_PORT", "AUTH_SERVICE_PORT", "COURSE_SERVICE_PORT",
            "MEDIA_SERVICE_PORT", "WEBHOOK_SERVICE_PORT", "MANAGEMENT_PORT", "LECTERN_JWKS_URI", "KAFKA_BOOTSTRAP_SERVERS", "POSTGRES_URL",
            "POSTGRES_USER", "REDIS_HOST", "REDIS_PORT", "AUTH_SERVICE_URL", "COURSE_SERVICE_URL", "MEDIA_SERVICE_URL",
            "WEBHOOK_SERVICE_URL");

    /** Ports each service may connect to: DNS, the services it calls, Kafka, its own stores, Mux. */
    private static final Map<String, Set<Integer>> EGRESS_PORTS = Map.of(
            "gateway", Set.of(53, 8080, 6379),
            "auth-service", Set.of(53, 8080, 9092, 5432),
            "course-service", Set.of(53, 8080, 9092, 27017),
            "media-service", Set.of(53, 8080, 9092, 5432, 443),
            "webhook-service", Set.of(53, 8080, 9092, 5432));

    private static final String RENDERED_HEADER = """
            # The Helm chart deploy/k8s rendered with its default values, for `kubectl apply -f`:
            #   helm template lectern deploy/k8s --namespace lectern
            # Do not edit: KubernetesChartTest fails when this differs from a fresh render.
            # Set the store addresses in the ConfigMaps and create the Secrets first (deploy/k8s/README.md).
            """;

    private static RenderedChart chart;

    @BeforeAll
    static void render() {
        chart = RenderedChart.withDefaultValues();
    }

    @Test
    void helmLintFindsNothing() {
        LintResult lint = new Helm(RenderedChart.CHART).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @Test
    void committedManifestsAreTheChartRenderedWithDefaultValues() throws IOException {
        Path committed = RenderedChart.CHART.resolve("rendered/lectern.yaml");
        String expected = RENDERED_HEADER + chart.yaml;
        if (!Files.exists(committed) || !Files.readString(committed).equals(expected)) {
            Path fresh = Path.of("target/lectern.yaml").toAbsolutePath();
            Files.writeString(fresh, expected);
            throw new AssertionError(committed + " is not the chart rendered now: copy " + fresh + " over it");
        }
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void deploymentProbesTheManagementPort(String service) {
        Container container = container(service);
        int management = container.getPorts().stream().filter(p -> "management".equals(p.getName())).findFirst()
                .orElseThrow().getContainerPort();

        assertThat(management).isEqualTo(9090);
        assertThat(config(service)).containsEntry("MANAGEMENT_PORT", "9090");
        assertProbe(container.getStartupProbe(), "/actuator/health/liveness");
        assertProbe(container.getLivenessProbe(), "/actuator/health/liveness");
        assertProbe(container.getReadinessProbe(), "/actuator/health/readiness");
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void resourcesAreBoundedAndTheJvmFitsItsMemoryLimit(String service) {
        Container container = container(service);
        Map<String, Quantity> requests = container.getResources().getRequests();
        Map<String, Quantity> limits = container.getResources().getLimits();
        assertThat(requests).containsKeys("cpu", "memory");
        assertThat(limits).containsKeys("cpu", "memory");

        long limitMib = Quantity.getAmountInBytes(limits.get("memory")).longValue() / (1024 * 1024);
        assertThat(Quantity.getAmountInBytes(requests.get("memory"))).isEqualTo(Quantity.getAmountInBytes(limits.get("memory")));
        JvmMemoryBudget jvm = JvmMemoryBudget.of(env(container).get("JAVA_TOOL_OPTIONS").getValue());
        assertThat(jvm.worstCaseMebibytes(limitMib)).as("JVM worst case under %d MiB", limitMib).isLessThanOrEqualTo(limitMib);
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void podRunsNonRootReadOnlyWithoutCapabilities(String service) {
        PodSpec pod = chart.get(Deployment.class, service).getSpec().getTemplate().getSpec();
        Container container = container(service);

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        String tmpVolume = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp"))
                .findFirst().orElseThrow().getName();
        assertThat(pod.getVolumes()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo(tmpVolume);
            assertThat(v.getEmptyDir()).isNotNull();
        });
        assertThat(pod.getTopologySpreadConstraints()).isNotEmpty()
                .allSatisfy(c -> assertThat(c.getLabelSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name", service));
        assertThat(chart.get(ServiceAccount.class, service).getAutomountServiceAccountToken()).isFalse();
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void scalesWithAnAutoscalerAndSurvivesDisruptionsOneReplicaAtATime(String service) {
        Map<String, String> podLabels = chart.get(Deployment.class, service).getSpec().getTemplate().getMetadata().getLabels();
        HorizontalPodAutoscaler hpa = chart.get(HorizontalPodAutoscaler.class, service);
        PodDisruptionBudget pdb = chart.get(PodDisruptionBudget.class, service);

        assertThat(hpa.getApiVersion()).isEqualTo("autoscaling/v2");
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(service);
        assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
        assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThan(hpa.getSpec().getMinReplicas());
        assertThat(chart.get(Deployment.class, service).getSpec().getReplicas()).as("the HPA owns replicas").isNull();
        assertThat(podLabels).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
        assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void serviceExposesOnlyThePublicPort(String service) {
        Service kubernetesService = chart.get(Service.class, service);
        Map<String, String> podLabels = chart.get(Deployment.class, service).getSpec().getTemplate().getMetadata().getLabels();

        assertThat(kubernetesService.getSpec().getPorts()).singleElement()
                .satisfies(port -> assertThat(port.getPort()).isEqualTo(8080));
        assertThat(podLabels).containsAllEntriesOf(kubernetesService.getSpec().getSelector());
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void imageIsTheOneComposeBuilds(String service) {
        String composeImage = ComposeFile.services().get(service).get("image").toString()
                .replaceAll("\\$\\{[A-Z_]+:-([^}]*)}", "$1");
        assertThat(container(service).getImage()).isEqualTo(composeImage);
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void everyVariableTheServiceReadsHasASource(String service) {
        Set<String> sources = new TreeSet<>(config(service).keySet());
        sources.addAll(env(container(service)).keySet());

        Set<String> missing = new TreeSet<>(ServiceVariables.of(service).keySet());
        missing.removeAll(sources);
        missing.removeAll(DeployVariables.LOCAL_PLATFORM_ONLY);
        assertThat(missing).as(service + " reads these without a ConfigMap key, Secret or value").isEmpty();

        Set<String> unread = new TreeSet<>(sources);
        unread.removeAll(ServiceVariables.of(service).keySet());
        unread.remove("JAVA_TOOL_OPTIONS"); // read by the JVM
        unread.removeIf(variable -> DeployVariables.isPending(service, variable));
        assertThat(unread).as(service + " is given these but never reads them").isEmpty();
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void secretsComeFromExistingSecretsOnly(String service) {
        Map<String, EnvVar> env = env(container(service));
        Set<String> secrets = new TreeSet<>(DeployVariables.SECRETS);
        secrets.add("MONGO_URI"); // carries the database credentials
        secrets.retainAll(ServiceVariables.of(service).keySet());

        assertThat(config(service)).doesNotContainKeys(secrets.toArray(String[]::new));
        for (String secret : secrets) {
            assertThat(env.get(secret)).as(service + " " + secret).isNotNull();
            assertThat(env.get(secret).getValueFrom().getSecretKeyRef().getName()).as(secret).isNotBlank();
        }
        assertThat(chart.objects).noneMatch(o -> o.getKind().equals("Secret"));
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void configDefaultsAreTheServicesOwn(String service) {
        Map<String, String> wrong = new TreeMap<>();
        config(service).forEach((variable, value) -> {
            if (ADDRESSES.contains(variable) || DeployVariables.isPending(service, variable)) {
                return;
            }
            String expected = CHART_DEFAULTS.getOrDefault(variable, ServiceVariables.defaultOf(service, variable));
            if (!value.equals(expected)) {
                wrong.put(variable, value + " (the service's default is " + expected + ")");
            }
        });
        assertThat(wrong).isEmpty();
    }

    @Test
    void defaultDenyCoversEveryLecternPod() {
        NetworkPolicy deny = chart.get(NetworkPolicy.class, "lectern-default-deny");
        assertThat(deny.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(deny.getSpec().getIngress()).isEmpty();
        assertThat(deny.getSpec().getEgress()).isEmpty();
        for (String service : SERVICES) {
            assertThat(chart.get(Deployment.class, service).getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(deny.getSpec().getPodSelector().getMatchLabels());
        }
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void onlyTheGatewayIsReachableFromOutsideAndOnlyPrometheusReachesTheManagementPort(String service) {
        NetworkPolicy policy = chart.get(NetworkPolicy.class, service);
        for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
            Set<String> ports = rule.getPorts().stream().map(p -> p.getPort().getStrVal()).collect(Collectors.toSet());
            boolean fromOutsideTheRelease = rule.getFrom().stream().anyMatch(peer -> peer.getPodSelector() == null
                    || peer.getNamespaceSelector() != null || peer.getIpBlock() != null);
            if (ports.equals(Set.of("management"))) {
                assertThat(rule.getFrom()).as("Prometheus").isNotEmpty()
                        .allSatisfy(peer -> assertThat(peer.getNamespaceSelector()).isNotNull());
            } else {
                assertThat(ports).isEqualTo(Set.of("http"));
                if (fromOutsideTheRelease) {
                    assertThat(service).as("reachable from outside").isEqualTo("gateway");
                }
            }
        }
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void eachServiceReachesOnlyDnsItsCalleesKafkaAndItsOwnStores(String service) {
        NetworkPolicy policy = chart.get(NetworkPolicy.class, service);
        Set<Integer> ports = policy.getSpec().getEgress().stream()
                .flatMap(rule -> rule.getPorts().stream()).map(NetworkPolicyPort::getPort)
                .map(port -> port.getIntVal()).filter(Objects::nonNull).collect(Collectors.toSet());
        assertThat(ports).isEqualTo(EGRESS_PORTS.get(service));
        assertThat(policy.getSpec().getEgress()).allSatisfy(rule -> assertThat(rule.getTo()).isNotEmpty());

        Set<String> calledPods = policy.getSpec().getEgress().stream().flatMap(rule -> rule.getTo().stream())
                .map(NetworkPolicyPeer::getPodSelector).filter(Objects::nonNull)
                .filter(selector -> selector.getMatchLabels().containsKey("app.kubernetes.io/name"))
                .map(selector -> selector.getMatchLabels().get("app.kubernetes.io/name")).collect(Collectors.toSet());
        assertThat(calledPods).as("services %s calls", service).contains("auth-service"); // JWKS
    }

    @Test
    void ingressReachesTheGatewayWithRoomForUploads() {
        Ingress ingress = chart.get(Ingress.class, "gateway");
        assertThat(chart.all(Ingress.class)).hasSize(1);
        assertThat(ingress.getSpec().getRules()).singleElement().satisfies(rule -> assertThat(rule.getHttp().getPaths())
                .singleElement().satisfies(path -> {
                    assertThat(path.getBackend().getService().getName()).isEqualTo("gateway");
                    assertThat(path.getBackend().getService().getPort().getName()).isEqualTo("http");
                }));
        Map<String, String> annotations = ingress.getMetadata().getAnnotations();
        assertThat(annotations).containsEntry("nginx.ingress.kubernetes.io/proxy-request-buffering", "off");
        long bodyLimit = Quantity.getAmountInBytes(new Quantity(annotations.get("nginx.ingress.kubernetes.io/proxy-body-size")
                .toUpperCase().replace("G", "Gi"))).longValue();
        long gatewayLimit = (long) Integer.parseInt(ServiceVariables.defaultOf("gateway", "LECTERN_MAX_UPLOAD_SIZE")
                .replace("GB", "")) << 30;
        assertThat(bodyLimit).isGreaterThan(gatewayLimit);
        assertThat(Long.parseLong(annotations.get("nginx.ingress.kubernetes.io/proxy-read-timeout")) * 1000)
                .isGreaterThanOrEqualTo(Long.parseLong(ServiceVariables.defaultOf("gateway", "LECTERN_UPLOAD_RESPONSE_TIMEOUT_MS")));
    }

    private static void assertProbe(Probe probe, String path) {
        assertThat(probe).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management");
    }

    private static Container container(String service) {
        return chart.get(Deployment.class, service).getSpec().getTemplate().getSpec().getContainers().getFirst();
    }

    private static Map<String, EnvVar> env(Container container) {
        return container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
    }

    /** The ConfigMap the container takes its environment from. */
    private static Map<String, String> config(String service) {
        String name = container(service).getEnvFrom().getFirst().getConfigMapRef().getName();
        return chart.get(ConfigMap.class, name).getData();
    }
}
