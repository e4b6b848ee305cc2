package dev.lectern.platform;

import java.nio.file.Path;

/** The five services the platform runs, each as its own JVM. */
public enum Service {

    GATEWAY("gateway", "GATEWAY_PORT", 8080, 9080),
    AUTH("auth-service", "AUTH_SERVICE_PORT", 8081, 9081),
    COURSE("course-service", "COURSE_SERVICE_PORT", 8082, 9082),
    MEDIA("media-service", "MEDIA_SERVICE_PORT", 8083, 9083),
    WEBHOOK("webhook-service", "WEBHOOK_SERVICE_PORT", 8084, 9084);

    /** What each service reads as the port of its actuator (health probes, metrics). */
    public static final String MANAGEMENT_PORT_ENV = "MANAGEMENT_PORT";

    private final String id;
    private final String portEnv;
    private final int defaultPort;
    private final int defaultManagementPort;

    Service(String id, String portEnv, int defaultPort, int defaultManagementPort) {
        this.id = id;
        this.portEnv = portEnv;
        this.defaultPort = defaultPort;
        this.defaultManagementPort = defaultManagementPort;
    }

    /** Module and artifact name, e.g. {@code auth-service}. */
    public String id() {
        return id;
    }

    public String portEnv() {
        return portEnv;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** The launcher's variable for this service's management port, e.g. {@code AUTH_SERVICE_MANAGEMENT_PORT}. */
    public String managementPortEnv() {
        return portEnv.replace("_PORT", "_MANAGEMENT_PORT");
    }

    /** The service's own default ({@code MANAGEMENT_PORT} in its application.yml). */
    public int defaultManagementPort() {
        return defaultManagementPort;
    }

    /** {@code <repo>/<service>/target/<service>-exec.jar} */
    public Path jar(Path repoRoot) {
        return repoRoot.resolve(id).resolve("target").resolve(id + "-exec.jar");
    }

    /** Name of the service's URL variable for the gateway, e.g. {@code AUTH_SERVICE_URL}. */
    String urlEnv() {
        return portEnv.replace("_PORT", "_URL");
    }
}
