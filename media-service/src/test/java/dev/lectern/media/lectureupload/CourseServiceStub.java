package dev.lectern.media.lectureupload;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A course-service for the lecture API: courses with their {@code drm} flag and the {@code Authorization}
 * values allowed to add lectures (others get its 403 problem), lectures created and deleted, every request kept.
 */
public final class CourseServiceStub implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Request(String method, String path, String authorization, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private record Course(boolean drm, Set<String> writers) {
    }

    private final HttpServer server;
    private final Map<UUID, Course> courses = new ConcurrentHashMap<>();
    final Set<UUID> lectures = ConcurrentHashMap.newKeySet();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    public CourseServiceStub() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A course whose lectures the callers with these {@code Authorization} values may add. */
    UUID course(boolean drm, String... writers) {
        UUID id = UUID.randomUUID();
        courses.put(id, new Course(drm, Set.of(writers)));
        return id;
    }

    List<Request> requests(String method, UUID courseId) {
        String prefix = "/api/v1/courses/" + courseId;
        return requests.stream().filter(r -> r.method().equals(method) && r.path().startsWith(prefix)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            requests.add(new Request(method, path, authorization, body));
            String[] segments = path.split("/");
            // /api/v1/courses/{id}[/lectures[/{lectureId}]]
            Course course = segments.length >= 5 ? courses.get(UUID.fromString(segments[4])) : null;
            if (course == null) {
                problem(exchange, 404, "not-found", "Not found", "No course " + (segments.length >= 5 ? segments[4] : ""));
                return;
            }
            if (method.equals("GET") && segments.length == 5) {
                json(exchange, 200, Map.of("id", segments[4], "instructor_id", UUID.randomUUID().toString(),
                        "drm", course.drm(), "title", "Video on the JVM"));
                return;
            }
            if (!course.writers().contains(authorization)) {
                problem(exchange, 403, "forbidden", "Forbidden", "Only the course's instructor or an admin can change it.");
                return;
            }
            if (method.equals("POST") && segments.length == 6) {
                JsonNode lecture = JSON.readTree(body);
                if (lecture.path("title").asString("").isBlank()) {
                    problem(exchange, 400, "validation", "Validation failed", "The request has 1 invalid value.");
                    return;
                }
                UUID lectureId = UUID.randomUUID();
                lectures.add(lectureId);
                json(exchange, 201, Map.of("id", lectureId.toString(), "course_id", segments[4],
                        "title", lecture.path("title").asString(), "video_state", "none"));
                return;
            }
            if (method.equals("DELETE") && segments.length == 7) {
                lectures.remove(UUID.fromString(segments[6]));
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            problem(exchange, 405, "method-not-allowed", "Method not allowed", method + " " + path);
        }
    }

    private static void problem(HttpExchange exchange, int status, String slug, String title, String detail)
            throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
        byte[] bytes = JSON.writeValueAsBytes(Map.of("type", "https://lectern.dev/problems/" + slug, "title", title,
                "status", status, "detail", detail, "request_id", "course-service-request"));
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void json(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
