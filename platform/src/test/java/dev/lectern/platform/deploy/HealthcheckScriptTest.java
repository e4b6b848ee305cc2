package dev.lectern.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** deploy/docker/lectern-healthcheck, the containers' healthcheck, run against a real HTTP server. */
class HealthcheckScriptTest {

    private final List<String> requested = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void healthyWhenReadinessAnswers200OnTheManagementPort() throws Exception {
        int port = serve(200);

        assertThat(run(port)).isZero();
        assertThat(requested).containsExactly("GET /actuator/health/readiness");
    }

    @Test
    void unhealthyWhenReadinessAnswers503() throws Exception {
        assertThat(run(serve(503))).isEqualTo(1);
    }

    @Test
    void unhealthyWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        assertThat(run(port)).isNotZero();
    }

    private int serve(int status) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requested.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            byte[] body = "{\"status\":\"x\"}".getBytes();
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server.getAddress().getPort();
    }

    private static int run(int managementPort) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash",
                Repository.ROOT.resolve("deploy/docker/lectern-healthcheck").toString()).redirectErrorStream(true);
        builder.environment().put("MANAGEMENT_PORT", String.valueOf(managementPort));
        Process process = builder.start();
        process.getOutputStream().close();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("healthcheck finished").isTrue();
        return process.exitValue();
    }
}
