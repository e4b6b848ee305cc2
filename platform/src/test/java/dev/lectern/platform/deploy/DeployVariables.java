package dev.lectern.platform.deploy;

import java.util.Map;
import java.util.Set;

/**
 * The explicit exceptions of the deployment variable checks (compose and Kubernetes), each with its reason.
 * A variable is in a list only when it must be; everything else a service reads reaches its container.
 */
final class DeployVariables {

    /** Read by the local platform launcher (./lectern up) only, never by a service in a container. */
    static final Set<String> LOCAL_PLATFORM_ONLY = Set.of(
            "POSTGRES_PORT", "KAFKA_PORT", "KAFKA_CONTROLLER_PORT", "MONGO_PORT", // the embedded infrastructure
            "MUX_EMULATOR_PORT", // the Mux emulator; containers talk to the real Mux
            "LECTERN_SERVICE_JVM_OPTS", "LECTERN_JAVA_OPTS", // JVM options of the launched JVMs (images: JAVA_TOOL_OPTIONS)
            "LECTERN_PARENT_PID", // set by the launcher so an orphaned service exits
            // each service's MANAGEMENT_PORT on this machine (containers all use 9090)
            "GATEWAY_MANAGEMENT_PORT", "AUTH_SERVICE_MANAGEMENT_PORT", "COURSE_SERVICE_MANAGEMENT_PORT",
            "MEDIA_SERVICE_MANAGEMENT_PORT", "WEBHOOK_SERVICE_MANAGEMENT_PORT");

    /**
     * Given to every container now, read by the services once the branches of issue 9 that read them are merged
     * (consumers: topic partitions). Remove an entry when its service
     * reads it: {@code pendingVariablesAreNotYetRead} fails until then.
     */
    static final Map<String, Set<String>> PENDING = Map.of(
            "LECTERN_KAFKA_TOPIC_PARTITIONS", kafkaServices(), // read once the consumers branch lands
            "LECTERN_KAFKA_TOPIC_REPLICATION_FACTOR", kafkaServices()); // read once the consumers branch lands

    /** Secrets: never a value in a file of this repository (compose requires them or leaves them empty). */
    static final Set<String> SECRETS = Set.of("POSTGRES_PASSWORD", "LECTERN_KEY_ENCRYPTION_SECRET",
            "LECTERN_ADMIN_PASSWORD", "MUX_TOKEN_SECRET", "MUX_SIGNING_KEY_PRIVATE", "MUX_WEBHOOK_SECRETS",
            "REDIS_PASSWORD");

    private DeployVariables() {
    }

    static Set<String> kafkaServices() {
        return Set.of("auth-service", "course-service", "media-service", "webhook-service");
    }

    static boolean isPending(String service, String variable) {
        return PENDING.getOrDefault(variable, Set.of()).contains(service);
    }
}
