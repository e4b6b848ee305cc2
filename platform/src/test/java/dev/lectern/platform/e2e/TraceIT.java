package dev.lectern.platform.e2e;

import static dev.lectern.platform.e2e.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.muxemulator.Webhooks;
import dev.lectern.platform.LocalPlatform;
import dev.lectern.platform.Service;
import dev.lectern.testkit.Eventually;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * One trace, followed as an operator would: a Mux webhook delivered at the gateway, published by webhook-service to
 * Kafka, applied by course-service to the lecture. The log lines of all three carry the same trace id.
 */
class TraceIT {

    private static final Pattern TRACE = Pattern.compile("\\[([0-9a-f]{32})-[0-9a-f]{16}]");

    private final LocalPlatform platform = SharedPlatform.get();

    @Test
    void aWebhookAtTheGatewayAndTheLectureUpdateItCausesShareOneTraceIdInTheThreeServicesLogs() {
        Accounts.Tokens instructor = Accounts.login(Accounts.register("instructor"));
        Courses.WithLecture draft = Courses.withLecture(instructor, "Traced");
        String courseId = draft.courseId();
        String lectureId = draft.lectureId();
        Api api = Api.gateway();
        String requestId = "trace-it-" + UUID.randomUUID();
        byte[] body = ("""
                {"type":"video.asset.ready","id":"%s","created_at":"%s","data":{"id":"asset-%s","status":"ready",
                 "passthrough":"%s","upload_id":"upload-%s","duration":4.5,"aspect_ratio":"16:9",
                 "resolution_tier":"720p","playback_ids":[{"id":"pb-%s","policy":"signed"}]}}"""
                .formatted(UUID.randomUUID(), Instant.now(), lectureId, lectureId, lectureId, lectureId))
                .getBytes(StandardCharsets.UTF_8);

        Api.Response delivered = api.send("POST", "/webhooks/mux", new Api.RawBody("application/json", body),
                "Mux-Signature", Webhooks.signatureHeader(platform.muxWebhookSecret(), Instant.now(), body),
                "X-Request-Id", requestId);

        assertThat(delivered.status()).as(delivered.toString()).isEqualTo(200);
        assertThat(delivered.json().path("status").asString()).isEqualTo("accepted");
        Eventually.assertThat(Duration.ofSeconds(45), () -> {
            JsonNode lectures = Api.direct(platform.url(Service.COURSE)).get("/api/v1/courses/" + courseId + "/lectures",
                    bearer(instructor.accessToken())).json();
            assertThat(lectures.get(0).path("video_state").asString()).isEqualTo("ready");
        });

        String atGateway = Eventually.value(Duration.ofSeconds(15), () -> line(Service.GATEWAY,
                l -> l.contains(requestId) && l.contains("POST /webhooks/mux 200")));
        String traceId = traceIdOf(atGateway);
        String atWebhookService = Eventually.value(Duration.ofSeconds(15), () -> line(Service.WEBHOOK,
                l -> l.contains(traceId) && l.contains("Published video.asset.ready for lecture " + lectureId)));
        String atCourseService = Eventually.value(Duration.ofSeconds(15), () -> line(Service.COURSE,
                l -> l.contains(traceId) && l.contains("Lecture " + lectureId) && l.contains("video ready")));

        assertThat(traceIdOf(atWebhookService)).isEqualTo(traceId);
        assertThat(traceIdOf(atCourseService)).isEqualTo(traceId);
        assertThat(atWebhookService).contains(requestId);
        System.out.println("One trace, " + traceId + ":\n" + atGateway + "\n" + atWebhookService + "\n" + atCourseService);
    }

    private String line(Service service, java.util.function.Predicate<String> wanted) {
        try {
            List<String> lines = Files.readAllLines(platform.logFile(service), StandardCharsets.UTF_8);
            return lines.stream().filter(wanted).findFirst()
                    .orElseThrow(() -> new AssertionError("no such line in " + platform.logFile(service)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String traceIdOf(String line) {
        Matcher trace = TRACE.matcher(line);
        assertThat(trace.find()).as("a trace id in: " + line).isTrue();
        return trace.group(1);
    }
}
