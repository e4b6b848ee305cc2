package dev.lectern.platform;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./lectern up --seed}: a demo course with a playable free-preview lecture, made through the public API
 * as a client would (register, create, direct upload of a small real MP4, publish), and a student enrolled in it.
 * Running it again on the same data finds the course and only prints it.
 */
final class DemoSeed {

    static final String INSTRUCTOR_EMAIL = "instructor@lectern.local";
    static final String STUDENT_EMAIL = "student@lectern.local";
    static final String PASSWORD = "Lectern-demo-2026!";
    static final String COURSE_TITLE = "Welcome to Lectern";
    static final Path VIDEO = Path.of("testkit/src/main/resources/dev/lectern/testkit/videos/lecture-5s.mp4");
    private static final Duration READY_WITHIN = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final PlatformApi api = new PlatformApi(http);
    private final URI gateway;
    private final Path repoRoot;
    private final PrintStream out;

    DemoSeed(URI gateway, Path repoRoot, PrintStream out) {
        this.gateway = gateway;
        this.repoRoot = repoRoot;
        this.out = out;
    }

    void run() {
        String instructor = account("instructor", INSTRUCTOR_EMAIL, "Ada", "Instructor");
        String student = account("student", STUDENT_EMAIL, "Sam", "Student");
        String courseId = existingCourse(instructor);
        String lectureId;
        if (courseId == null) {
            courseId = PlatformApi.expect(api.send("POST", gateway.resolve("/api/v1/courses"), instructor, Map.of(
                    "title", COURSE_TITLE, "description", "A first look at the platform, seeded by ./lectern up --seed",
                    "category", "getting-started", "tags", java.util.List.of("demo"))), 201).get("id").asString();
            lectureId = PlatformApi.expect(api.send("POST",
                    gateway.resolve("/api/v1/courses/" + courseId + "/lectures"), instructor,
                    Map.of("title", "Five seconds of test pattern", "free_preview", true)), 201).get("id").asString();
            upload(instructor, lectureId);
            api.publish(gateway, instructor, courseId);
        } else {
            lectureId = api.get(gateway, instructor, "/api/v1/courses/" + courseId + "/lectures").get(0).path("id")
                    .asString();
        }
        enroll(student, courseId);
        JsonNode playback = awaitPlayback(student, lectureId);
        out.println("\nDemo data (./lectern up --seed)");
        out.printf("  instructor  %s / %s%n", INSTRUCTOR_EMAIL, PASSWORD);
        out.printf("  student     %s / %s (enrolled)%n", STUDENT_EMAIL, PASSWORD);
        out.printf("  course      %s/api/v1/courses/%s%n", gateway, courseId);
        if (playback != null) {
            out.printf("  playback    %s%n              (valid until %s; GET %s/api/v1/lectures/%s/playback for a fresh one)%n",
                    playback.path("hls_url").asString(), playback.path("expires_at").asString(), gateway, lectureId);
        } else {
            out.printf("  playback    not ready within %d s; see the media-service and webhook-service logs%n",
                    READY_WITHIN.toSeconds());
        }
    }

    private String account(String role, String email, String first, String last) {
        HttpResponse<String> registered = api.register(gateway, role, email, PASSWORD, first, last);
        if (registered.statusCode() != 201 && registered.statusCode() != 409) {
            throw new PlatformStartException("Seeding: registering " + email + " answered " + registered.statusCode()
                    + " " + registered.body(), 1);
        }
        return api.login(gateway, email, PASSWORD);
    }

    private String existingCourse(String instructor) {
        for (JsonNode course : api.get(gateway, instructor, "/api/v1/instructor/courses?size=100").path("items")) {
            if (COURSE_TITLE.equals(course.path("title").asString())) {
                return course.path("id").asString();
            }
        }
        return null;
    }

    /** Direct upload: media-service learns of the new lecture through Kafka, so a 404 is retried for a while. */
    private void upload(String instructor, String lectureId) {
        long giveUp = System.nanoTime() + READY_WITHIN.toNanos();
        HttpResponse<String> created;
        do {
            created = api.send("POST", gateway.resolve("/api/v1/lectures/" + lectureId + "/uploads"), instructor, null);
        } while (created.statusCode() == 404 && System.nanoTime() < giveUp && PlatformApi.pause(Duration.ofMillis(200)));
        URI uploadUrl = URI.create(PlatformApi.expect(created, 201).path("upload_url").asString());
        try {
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(uploadUrl).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "video/mp4")
                    .PUT(HttpRequest.BodyPublishers.ofFile(repoRoot.resolve(VIDEO))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (put.statusCode() / 100 != 2) {
                throw new PlatformStartException("Seeding: the upload URL answered " + put.statusCode(), 1);
            }
        } catch (IOException e) {
            throw new PlatformStartException("Seeding: cannot upload " + VIDEO + ": " + e.getMessage(), 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformStartException("Interrupted while seeding", e);
        }
    }

    private void enroll(String student, String courseId) {
        HttpResponse<String> enrolled = api.subscribe(gateway, student, courseId, Duration.ofMillis(200), READY_WITHIN);
        if (enrolled.statusCode() != 201 && enrolled.statusCode() != 409) {
            throw new PlatformStartException("Seeding: enrollment answered " + enrolled.statusCode() + " "
                    + enrolled.body(), 1);
        }
    }

    private JsonNode awaitPlayback(String student, String lectureId) {
        long giveUp = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < giveUp) {
            HttpResponse<String> playback = api.send("GET",
                    gateway.resolve("/api/v1/lectures/" + lectureId + "/playback"), student, null);
            if (playback.statusCode() == 200) {
                return PlatformApi.expect(playback, 200);
            }
            PlatformApi.pause(Duration.ofMillis(250));
        }
        return null;
    }
}
