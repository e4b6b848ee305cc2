package dev.lectern.media.lectureupload;

import dev.lectern.servicekit.problem.FieldViolation;
import dev.lectern.servicekit.problem.ProblemException;
import dev.lectern.servicekit.problem.Problems;
import dev.lectern.servicekit.request.RequestIds;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * course-service's lecture API, called with the caller's own {@code Authorization} so that course-service
 * decides who may add lectures to a course. Its problems (400, 401, 403, 404, 409) reach our client as they
 * are; its failures and silence become 502/503.
 */
class CourseService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CourseService.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The lecture fields course-service takes ({@code CreateLecture}). */
    record LectureFields(String title, String description, String category, String subcategory,
                         Boolean freePreview) {
    }

    /** What an upload needs to know of the course. */
    record CourseInfo(UUID id, boolean drm) {
    }

    private final URI baseUrl;
    private final Duration timeout;
    private final HttpClient http;

    CourseService(URI baseUrl, Duration timeout) {
        this.baseUrl = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** {@code GET /api/v1/courses/{id}}: 404 when the caller may not see it. */
    CourseInfo course(UUID courseId, String authorization) {
        JsonNode body = call(request("api/v1/courses/" + courseId, authorization).GET(), 200);
        return new CourseInfo(courseId, body.path("drm").asBoolean(false));
    }

    /** {@code POST /api/v1/courses/{id}/lectures} → the new lecture's id; 403/404 for anyone but owner or admin. */
    UUID createLecture(UUID courseId, LectureFields fields, String authorization) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("title", fields.title());
        json.put("description", fields.description());
        json.put("category", fields.category());
        json.put("subcategory", fields.subcategory());
        json.put("free_preview", fields.freePreview());
        json.values().removeIf(java.util.Objects::isNull);
        HttpRequest.Builder request = request("api/v1/courses/" + courseId + "/lectures", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(json)));
        JsonNode body = call(request, 201);
        try {
            return UUID.fromString(body.path("id").asString());
        } catch (IllegalArgumentException e) {
            throw badGateway("course-service answered without a lecture id.");
        }
    }

    /** {@code DELETE /api/v1/courses/{id}/lectures/{lectureId}}, to take back a lecture whose file failed. */
    boolean deleteLecture(UUID courseId, UUID lectureId, String authorization) {
        try {
            call(request("api/v1/courses/" + courseId + "/lectures/" + lectureId, authorization).DELETE(), 204);
            return true;
        } catch (ErrorResponseException e) {
            if (e.getStatusCode().value() == 404) {
                return true;
            }
            log.warn("Could not delete lecture {} of course {} after its upload failed: {}", lectureId, courseId,
                    e.getBody().getDetail());
            return false;
        }
    }

    private HttpRequest.Builder request(String path, String authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(timeout)
                .header("Accept", "application/json, application/problem+json")
                .header("Authorization", authorization);
        String requestId = RequestIds.current();
        if (requestId != null) {
            builder.header("X-Request-Id", requestId);
        }
        return builder;
    }

    private JsonNode call(HttpRequest.Builder request, int expected) {
        HttpRequest built = request.build();
        HttpResponse<String> response;
        try {
            response = http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            log.warn("course-service unreachable for {} {}: {}", built.method(), built.uri().getPath(), e.toString());
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable",
                    "The course service is unavailable; try again later.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable",
                    "The course service is unavailable; try again later.", e);
        }
        int status = response.statusCode();
        if (status == expected) {
            return parse(response.body());
        }
        if (status >= 400 && status < 500) {
            throw passedThrough(status, parse(response.body()));
        }
        log.warn("course-service answered {} for {} {}", status, built.method(), built.uri().getPath());
        if (status == 503 || status == 504) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable",
                    "The course service is unavailable; try again later.");
        }
        throw badGateway("The course service failed to answer.");
    }

    /** course-service's own problem document, with our request id added later by the problem handler. */
    private static ErrorResponseException passedThrough(int status, JsonNode problem) {
        HttpStatusCode code = HttpStatusCode.valueOf(status);
        String slug = Problems.slugFor(code);
        String type = problem.path("type").asString("");
        if (type.startsWith(Problems.TYPE_PREFIX)) {
            slug = type.substring(Problems.TYPE_PREFIX.length());
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = problem.path("title").asString(known == null ? "Error" : known.getReasonPhrase());
        String detail = problem.path("detail").asString(null);
        ProblemDetail body = Problems.create(code, slug, title, detail);
        if (problem.path("errors").isArray()) {
            List<FieldViolation> errors = new ArrayList<>();
            problem.path("errors").forEach(e -> errors.add(
                    new FieldViolation(e.path("field").asString(null), e.path("message").asString(null))));
            body.setProperty(Problems.ERRORS, errors);
        }
        return new ErrorResponseException(code, body, null);
    }

    private static ProblemException badGateway(String detail) {
        return new ProblemException(HttpStatus.BAD_GATEWAY, "bad-gateway", "Bad gateway", detail);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            return JSON.createObjectNode();
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
