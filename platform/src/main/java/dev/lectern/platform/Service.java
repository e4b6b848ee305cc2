package dev.lectern.platform;

import java.nio.file.Path;

/** The five services the platform runs, each as its own JVM. */
public enum Service {

    GATEWAY("gateway", "GATEWAY_PORT", 8080),
    AUTH("auth-service", "AUTH_SERVICE_PORT", 8081),
    COURSE("course-service", "COURSE_SERVICE_PORT", 8082),
    MEDIA("media-service", "MEDIA_SERVICE_PORT", 8083),
    WEBHOOK("webhook-service", "WEBHOOK_SERVICE_PORT", 8084);

    private final String id;
    private final String portEnv;
    private final int defaultPort;

    Service(String id, String portEnv, int defaultPort) {
        this.id = id;
        this.portEnv = portEnv;
        this.defaultPort = defaultPort;
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

    /** {@code <repo>/<service>/target/<service>-exec.jar} */
    public Path jar(Path repoRoot) {
        return repoRoot.resolve(id).resolve("target").resolve(id + "-exec.jar");
    }

    /** Name of the service's URL variable for the gateway, e.g. {@code AUTH_SERVICE_URL}. */
    String urlEnv() {
        return portEnv.replace("_PORT", "_URL");
    }
}
