package dev.lectern.media.lectureupload;

import dev.lectern.media.http.JdkTimeoutRequestFactory;
import dev.lectern.servicekit.problem.FieldViolation;
import dev.lectern.servicekit.problem.ProblemException;
import dev.lectern.servicekit.problem.Problems;
import dev.lectern.servicekit.request.RequestIds;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * course-service's lecture API, called with the caller's own {@code Authorization} so that course-service
 * decides who may add lectures to a course. Its problems (400, 401, 403, 404, 409) reach our client as they
 * are; its failures and silence become 502/503. Calls go through a {@link RestClient} from Boot's builder: measured
 * as {@code http.client.requests} by uri template, and in the caller's trace.
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

    /** course-service's answer, read whole. */
    private record Answer(int status, String body) {
    }

    private final HttpClient http;
    private final RestClient rest;

    CourseService(RestClient.Builder rest, URI baseUrl, Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.rest = rest.clone()
                .requestFactory(new JdkTimeoutRequestFactory(http, timeout))
                .baseUrl(baseUrl.toString().replaceAll("/+$", ""))
                .defaultHeader(HttpHeaders.ACCEPT, "application/json, application/problem+json")
                .build();
    }

    /** {@code GET /api/v1/courses/{id}}: 404 when the caller may not see it. */
    CourseInfo course(UUID courseId, String authorization) {
        JsonNode body = call(HttpMethod.GET, "/api/v1/courses/{courseId}", null, authorization, 200, courseId);
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
        JsonNode body = call(HttpMethod.POST, "/api/v1/courses/{courseId}/lectures", JSON.writeValueAsString(json),
                authorization, 201, courseId);
        try {
            return UUID.fromString(body.path("id").asString());
        } catch (IllegalArgumentException e) {
            throw badGateway("course-service answered without a lecture id.");
        }
    }

    /** {@code DELETE /api/v1/courses/{id}/lectures/{lectureId}}, to take back a lecture whose file failed. */
    boolean deleteLecture(UUID courseId, UUID lectureId, String authorization) {
        try {
            call(HttpMethod.DELETE, "/api/v1/courses/{courseId}/lectures/{lectureId}", null, authorization, 204,
                    courseId, lectureId);
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

    private JsonNode call(HttpMethod method, String path, String json, String authorization, int expected,
                          Object... ids) {
        String target = method + " " + new UriTemplate(path).expand(ids);
        RestClient.RequestBodySpec request = rest.method(method).uri(path, ids)
                .header(HttpHeaders.AUTHORIZATION, authorization);
        String requestId = RequestIds.current();
        if (requestId != null) {
            request.header(RequestIds.HEADER, requestId);
        }
        if (json != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(json);
        }
        Answer answer;
        try {
            answer = request.exchange((sent, response) -> new Answer(response.getStatusCode().value(),
                    new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
        } catch (ResourceAccessException e) {
            log.warn("course-service unreachable for {}: {}", target, e.getCause() == null ? e : e.getCause());
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable",
                    "The course service is unavailable; try again later.", e);
        }
        int status = answer.status();
        if (status == expected) {
            return parse(answer.body());
        }
        if (status >= 400 && status < 500) {
            throw passedThrough(status, parse(answer.body()));
        }
        log.warn("course-service answered {} for {}", status, target);
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
