package dev.lectern.media.lectureupload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.media.MediaServiceUnderTest;
import dev.lectern.media.mux.MuxStub;
import dev.lectern.media.mux.MuxStub.Answer;
import dev.lectern.testkit.TestTokens;
import dev.lectern.testkit.TestVideos;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lecture uploads through the API against media-service on real PostgreSQL and Kafka, with stand-ins for
 * course-service, the Mux API and Mux's upload URLs; the upload limits are {@link MediaServiceUnderTest}'s.
 */
class LectureUploadApiTest extends MediaServiceUnderTest {

    static final UploadUrlStub UPLOAD_URLS = new UploadUrlStub();
    static final long MAX_FILE = LECTURE_UPLOAD_MAX_FILE;
    static final long CHUNK = LECTURE_UPLOAD_CHUNK;
    private static final String MUX_UPLOAD_ID = "OOTbA00CpWh6OgwV3asF00IvD2STk22UXM";
    private static final String MUX_UPLOAD_URL = "https://storage.googleapis.com/video-storage-us-east1-uploads/"
            + MUX_UPLOAD_ID + "?Expires=1545157644&GoogleAccessId=uploads-gcs%40mux-cloud.iam.gserviceaccount.com"
            + "&Signature=c2lnbmF0dXJl";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterAll
    static void stopUploadUrls() {
        UPLOAD_URLS.close();
    }

    final UUID ownerId = UUID.randomUUID();
    final String owner = TestTokens.shared().bearer(ownerId, "instructor");

    record Answered(int status, Map<String, List<String>> headers, JsonNode body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    // single

    @Test
    void uploadCreatesTheLectureAndStreamsEveryByteToMuxInOrder() {
        UUID courseId = COURSES.course(false, owner);
        String uploadId = answerMuxUploads(1).getFirst();
        byte[] video = TestVideos.THREE_SECONDS.bytes();

        Answered answer = upload(owner, courseId, new Multipart()
                .field("title", "Introduction to Variables")
                .field("description", "Learn about variables")
                .field("category", "Programming")
                .field("subcategory", "Basics")
                .field("free_preview", "true")
                .file("lecture_file", "video.mp4", video));

        assertThat(answer.status()).isEqualTo(201);
        UUID lectureId = UUID.fromString(answer.body().path("lecture_id").asString());
        assertThat(answer.body().path("course_id").asString()).isEqualTo(courseId.toString());
        assertThat(answer.body().path("upload_id").asString()).isEqualTo(uploadId);
        assertThat(answer.body().path("title").asString()).isEqualTo("Introduction to Variables");
        assertThat(answer.body().path("file_name").asString()).isEqualTo("video.mp4");
        assertThat(answer.body().path("bytes").asLong()).isEqualTo(video.length);
        assertThat(answer.body().path("video_state").asString()).isEqualTo("uploading");
        assertThat(answer.header("Location")).endsWith("/api/v1/courses/" + courseId + "/lectures/" + lectureId);

        UploadUrlStub.Stored stored = UPLOAD_URLS.stored(uploadId);
        assertThat(stored.complete).isTrue();
        assertThat(stored.firstBytes()).isEqualTo(video);
        assertThat(stored.puts).extracting(UploadUrlStub.Put::contentRange)
                .containsExactly("bytes 0-" + (video.length - 1) + "/" + video.length);

        CourseServiceStub.Request created = COURSES.requests("POST", courseId).getFirst();
        assertThat(created.authorization()).isEqualTo(owner);
        assertThat(created.json().path("title").asString()).isEqualTo("Introduction to Variables");
        assertThat(created.json().path("description").asString()).isEqualTo("Learn about variables");
        assertThat(created.json().path("category").asString()).isEqualTo("Programming");
        assertThat(created.json().path("subcategory").asString()).isEqualTo("Basics");
        assertThat(created.json().path("free_preview").asBoolean()).isTrue();
        assertThat(COURSES.lectures).contains(lectureId);
        assertThat(uploadStatus(uploadId)).isEqualTo("waiting");
        assertThat(jdbc.sql("select lecture_id from uploads where upload_id = :id").param("id", uploadId)
                .query(UUID.class).single()).isEqualTo(lectureId);
    }

    @Test
    void aCourseAskingForDrmGetsADrmUpload() {
        UUID courseId = COURSES.course(true, owner);
        answerMuxUploads(1);
        int before = MUX.requests("POST", "/video/v1/uploads").size();

        Answered answer = upload(owner, courseId, new Multipart().field("title", "Secret")
                .file("lecture_file", "secret.mp4", TestVideos.FIVE_SECONDS.bytes()));

        assertThat(answer.status()).isEqualTo(201);
        JsonNode settings = JSON.readTree(MUX.requests("POST", "/video/v1/uploads").get(before).body())
                .path("new_asset_settings");
        assertThat(settings.path("advanced_playback_policies").get(0).path("policy").asString()).isEqualTo("drm");
        assertThat(settings.path("passthrough").asString()).isEqualTo(answer.body().path("lecture_id").asString());
    }

    @Test
    void aLargeFileIsStreamedInChunksWhileTheClientIsStillSending() throws Exception {
        UUID courseId = COURSES.course(false, owner);
        String uploadId = answerMuxUploads(1).getFirst();
        long size = 64 * MIB + 12345;
        UploadUrlStub.Stored stored = UPLOAD_URLS.stored(uploadId);

        // the client holds back the second half until Mux has received bytes: a server that kept the whole
        // file before passing it on would never get there
        Answered answer = upload(owner, courseId, new Multipart().field("title", "Long lecture")
                .file("lecture_file", "long.mp4", () -> Multipart.gated(Multipart.generatedVideo(size, 42),
                        size / 2, () -> stored.bytes >= CHUNK, Duration.ofSeconds(20))));

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.body().path("bytes").asLong()).isEqualTo(size);
        assertThat(stored.bytes).isEqualTo(size);
        assertThat(stored.digest()).isEqualTo(sha256(Multipart.generatedVideo(size, 42)));
        List<UploadUrlStub.Put> puts = stored.puts;
        assertThat(puts).hasSize(65);
        assertThat(puts).allSatisfy(put -> assertThat(put.length()).isLessThanOrEqualTo((int) CHUNK));
        assertThat(puts.getFirst().contentRange()).isEqualTo("bytes 0-" + (CHUNK - 1) + "/*");
        assertThat(puts.get(1).contentRange()).isEqualTo("bytes " + CHUNK + "-" + (2 * CHUNK - 1) + "/*");
        assertThat(puts.getLast().contentRange()).isEqualTo("bytes " + 64 * CHUNK + "-" + (size - 1) + "/" + size);
    }

    @Test
    void missingFileOrTitleIsAValidationProblem() {
        UUID courseId = COURSES.course(false, owner);

        Answered noFile = upload(owner, courseId, new Multipart().field("title", "No file"));
        assertThat(noFile.status()).isEqualTo(400);
        assertThat(noFile.body().path("type").asString()).isEqualTo("https://lectern.dev/problems/validation");
        assertThat(fields(noFile)).containsExactly("lecture_file");

        Answered noTitle = upload(owner, courseId, new Multipart().field("description", "Untitled")
                .file("lecture_file", "video.mp4", TestVideos.THREE_SECONDS.bytes()));
        assertThat(noTitle.status()).isEqualTo(400);
        assertThat(fields(noTitle)).containsExactly("title");

        Answered nothing = upload(owner, courseId, new Multipart());
        assertThat(fields(nothing)).containsExactlyInAnyOrder("title", "lecture_file");

        assertThat(COURSES.requests("POST", courseId)).isEmpty();
    }

    @Test
    void fieldsAfterTheFileAreRefusedAndTheUploadIsUndone() {
        UUID courseId = COURSES.course(false, owner);
        String uploadId = answerMuxUploads(1).getFirst();
        MUX.on("PUT", "/video/v1/uploads/" + uploadId + "/cancel", Answer.of(200, "upload-cancelled.json"));

        Answered answer = upload(owner, courseId, new Multipart().field("title", "Title first")
                .file("lecture_file", "video.mp4", TestVideos.THREE_SECONDS.bytes())
                .field("description", "too late"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("detail").asString()).contains("before lecture_file");
        assertThat(COURSES.requests("DELETE", courseId)).hasSize(1);
        assertThat(COURSES.lectures).doesNotContain(createdLecture(courseId));
    }

    @Test
    void aFileThatIsNotAVideoIs415AndCreatesNothing() {
        UUID courseId = COURSES.course(false, owner);
        int muxUploads = MUX.requests("POST", "/video/v1/uploads").size();
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 1, 0};

        Answered answer = upload(owner, courseId, new Multipart().field("title", "Holiday picture")
                .file("lecture_file", "video.mp4", png));

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.body().path("type").asString())
                .isEqualTo("https://lectern.dev/problems/unsupported-media-type");
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(COURSES.requests("POST", courseId)).isEmpty();
        assertThat(MUX.requests("POST", "/video/v1/uploads")).hasSize(muxUploads);
    }

    @Test
    void aFileOverTheSizeLimitIs413AndLeavesNoLectureAndNoUpload() {
        UUID courseId = COURSES.course(false, owner);
        String uploadId = answerMuxUploads(1).getFirst();
        MUX.on("PUT", "/video/v1/uploads/" + uploadId + "/cancel", Answer.of(200, "upload-cancelled.json"));

        Answered answer = upload(owner, courseId, new Multipart().field("title", "Too long")
                .file("lecture_file", "huge.mp4", () -> Multipart.generatedVideo(MAX_FILE + 1, 7)));

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body().path("type").asString()).isEqualTo("https://lectern.dev/problems/payload-too-large");
        UUID lectureId = createdLecture(courseId);
        assertThat(COURSES.requests("DELETE", courseId)).extracting(CourseServiceStub.Request::path)
                .containsExactly("/api/v1/courses/" + courseId + "/lectures/" + lectureId);
        assertThat(COURSES.lectures).doesNotContain(lectureId);
        assertThat(MUX.requests("PUT", "/video/v1/uploads/" + uploadId + "/cancel")).hasSize(1);
        assertThat(uploadStatus(uploadId)).isEqualTo("cancelled");
        assertThat(UPLOAD_URLS.stored(uploadId).bytes).isLessThanOrEqualTo(MAX_FILE);
        assertThat(UPLOAD_URLS.stored(uploadId).complete).isFalse();
    }

    @Test
    void aRequestDeclaringMoreThanTheLimitIs413BeforeItsBodyIsSent() throws Exception {
        UUID courseId = COURSES.course(false, owner);
        long declared = MAX_FILE + 2 * MIB;

        // only the head goes out: the answer must come without the body
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/v1/courses/" + courseId + "/lectures/upload HTTP/1.1\r\n"
                    + "Host: localhost\r\nAuthorization: " + owner + "\r\n"
                    + "Content-Type: multipart/form-data; boundary=xyz\r\nContent-Length: " + declared + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            StringBuilder answer = new StringBuilder();
            byte[] buffer = new byte[4096];
            for (int n; !answer.toString().contains("}") && (n = socket.getInputStream().read(buffer)) > 0; ) {
                answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }

            assertThat(answer.toString()).startsWith("HTTP/1.1 413");
            assertThat(answer.toString()).contains("https://lectern.dev/problems/payload-too-large");
        }
        assertThat(COURSES.requests("GET", courseId)).isEmpty();
        assertThat(COURSES.requests("POST", courseId)).isEmpty();
    }

    @Test
    void whenMuxKeepsFailingTheFileIs503AndTheLectureIsDeleted() {
        UUID courseId = COURSES.course(false, owner);
        String uploadId = answerMuxUploads(1).getFirst();
        MUX.on("PUT", "/video/v1/uploads/" + uploadId + "/cancel", Answer.of(200, "upload-cancelled.json"));
        UPLOAD_URLS.fault(uploadId, 503, 503, 503);

        Answered answer = upload(owner, courseId, new Multipart().field("title", "Unlucky")
                .file("lecture_file", "video.mp4", TestVideos.THREE_SECONDS.bytes()));

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body().path("type").asString()).isEqualTo("https://lectern.dev/problems/mux-unavailable");
        assertThat(UPLOAD_URLS.stored(uploadId).puts.stream().filter(p -> p.length() > 0)).hasSize(3);
        assertThat(COURSES.lectures).doesNotContain(createdLecture(courseId));
        assertThat(uploadStatus(uploadId)).isEqualTo("cancelled");
    }

    @Test
    void courseServiceRefusalPassesThroughAndNothingIsUploaded() {
        UUID courseId = COURSES.course(false, owner);
        String stranger = TestTokens.shared().bearer(UUID.randomUUID(), "instructor");
        int muxUploads = MUX.requests("POST", "/video/v1/uploads").size();

        Answered forbidden = upload(stranger, courseId, new Multipart().field("title", "Not mine")
                .file("lecture_file", "video.mp4", TestVideos.THREE_SECONDS.bytes()));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.body().path("type").asString()).isEqualTo("https://lectern.dev/problems/forbidden");
        assertThat(forbidden.body().path("detail").asString())
                .isEqualTo("Only the course's instructor or an admin can change it.");
        assertThat(forbidden.body().path("request_id").asString()).isNotEqualTo("course-service-request");
        assertThat(COURSES.requests("POST", courseId)).extracting(CourseServiceStub.Request::authorization)
                .containsExactly(stranger);

        Answered unknown = upload(owner, UUID.randomUUID(), new Multipart().field("title", "Lost")
                .file("lecture_file", "video.mp4", TestVideos.THREE_SECONDS.bytes()));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(MUX.requests("POST", "/video/v1/uploads")).hasSize(muxUploads);
    }

    @Test
    void studentsAndAnonymousCallersAreRefusedBeforeAnythingHappens() {
        UUID courseId = COURSES.course(false, owner);
        String student = TestTokens.shared().bearer(UUID.randomUUID(), "student");
        Multipart body = new Multipart().field("title", "Mine now")
                .file("lecture_file", "video.mp4", TestVideos.THREE_SECONDS.bytes());

        assertThat(upload(student, courseId, body).status()).isEqualTo(403);
        assertThat(send(student, "/api/v1/courses/" + courseId + "/lectures/batch-upload", body).status())
                .isEqualTo(403);
        assertThat(upload(null, courseId, body).status()).isEqualTo(401);
        assertThat(COURSES.requests("GET", courseId)).isEmpty();
        assertThat(COURSES.requests("POST", courseId)).isEmpty();
    }

    @Test
    void adminsMayUploadToAnyCourseCourseServiceAgreeing() {
        String admin = TestTokens.shared().bearer(UUID.randomUUID(), "admin");
        UUID courseId = COURSES.course(false, owner, admin);
        answerMuxUploads(1);

        assertThat(upload(admin, courseId, new Multipart().field("title", "By the admin")
                .file("lecture_file", "video.mp4", TestVideos.THREE_SECONDS.bytes())).status()).isEqualTo(201);
    }

    @Test
    void malformedCourseIdIsAValidationProblem() {
        Answered answer = send(owner, "/api/v1/courses/not-a-uuid/lectures/upload",
                new Multipart().field("title", "x"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(fields(answer)).containsExactly("course_id");
    }

    // batch

    @Test
    void batchWithOneBadFileInTheMiddleUploadsTheOthers() {
        UUID courseId = COURSES.course(false, owner);
        List<String> uploadIds = answerMuxUploads(2);
        byte[] text = "just some notes, not a video at all".getBytes(StandardCharsets.UTF_8);

        Answered answer = batch(owner, courseId, new Multipart()
                .field("lectures_data", """
                        [{"title": "Lecture 1", "description": "First", "category": "Programming"},
                         {"title": "Lecture 2", "course_id": "%s"},
                         {"title": "Lecture 3", "free_preview": true}]""".formatted(courseId))
                .file("lectures_files", "one.mp4", TestVideos.THREE_SECONDS.bytes())
                .file("lectures_files", "notes.mp4", text)
                .file("lectures_files", "three.mp4", TestVideos.FIVE_SECONDS.bytes()));

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.body().path("uploaded").asInt()).isEqualTo(2);
        assertThat(answer.body().path("failed").asInt()).isEqualTo(1);
        JsonNode results = answer.body().path("results");
        assertThat(results.size()).isEqualTo(3);
        assertThat(results.get(0).path("index").asInt()).isZero();
        assertThat(results.get(0).path("status").asString()).isEqualTo("uploaded");
        assertThat(results.get(0).path("file_name").asString()).isEqualTo("one.mp4");
        assertThat(results.get(0).path("upload_id").asString()).isEqualTo(uploadIds.get(0));
        assertThat(results.get(1).path("status").asString()).isEqualTo("failed");
        assertThat(results.get(1).path("file_name").asString()).isEqualTo("notes.mp4");
        assertThat(results.get(1).path("error").path("status").asInt()).isEqualTo(415);
        assertThat(results.get(1).path("error").path("type").asString())
                .isEqualTo("https://lectern.dev/problems/unsupported-media-type");
        assertThat(results.get(1).has("lecture_id")).isFalse();
        assertThat(results.get(2).path("status").asString()).isEqualTo("uploaded");
        assertThat(results.get(2).path("upload_id").asString()).isEqualTo(uploadIds.get(1));

        assertThat(UPLOAD_URLS.stored(uploadIds.get(0)).firstBytes()).isEqualTo(TestVideos.THREE_SECONDS.bytes());
        assertThat(UPLOAD_URLS.stored(uploadIds.get(1)).firstBytes()).isEqualTo(TestVideos.FIVE_SECONDS.bytes());
        assertThat(COURSES.requests("POST", courseId)).extracting(r -> r.json().path("title").asString())
                .containsExactly("Lecture 1", "Lecture 3");
        assertThat(COURSES.requests("POST", courseId).get(1).json().path("free_preview").asBoolean()).isTrue();
    }

    @Test
    void aFailureWhileStreamingOneBatchFileDoesNotStopTheNext() {
        UUID courseId = COURSES.course(false, owner);
        List<String> uploadIds = answerMuxUploads(2);
        MUX.on("PUT", "/video/v1/uploads/" + uploadIds.get(0) + "/cancel", Answer.of(200, "upload-cancelled.json"));

        Answered answer = batch(owner, courseId, new Multipart()
                .field("lectures_data", "[{\"title\": \"Huge\"}, {\"title\": \"Fine\"}]")
                .file("lectures_files", "huge.mp4", () -> Multipart.generatedVideo(MAX_FILE + 5 * MIB, 3))
                .file("lectures_files", "fine.mp4", TestVideos.THREE_SECONDS.bytes()));

        assertThat(answer.status()).isEqualTo(202);
        JsonNode results = answer.body().path("results");
        assertThat(results.get(0).path("error").path("status").asInt()).isEqualTo(413);
        assertThat(results.get(1).path("status").asString()).isEqualTo("uploaded");
        assertThat(uploadStatus(uploadIds.get(0))).isEqualTo("cancelled");
        assertThat(COURSES.requests("DELETE", courseId)).hasSize(1);
        assertThat(UPLOAD_URLS.stored(uploadIds.get(1)).complete).isTrue();
    }

    @Test
    void batchOverTheFileLimitIsRefusedBeforeAnythingHappens() {
        UUID courseId = COURSES.course(false, owner);
        List<String> entries = new ArrayList<>();
        for (int i = 1; i <= 11; i++) {
            entries.add("{\"title\": \"Lecture " + i + "\"}");
        }
        Multipart body = new Multipart().field("lectures_data", "[" + String.join(",", entries) + "]");
        for (int i = 1; i <= 11; i++) {
            body.file("lectures_files", "lecture" + i + ".mp4", TestVideos.THREE_SECONDS.bytes());
        }

        Answered answer = batch(owner, courseId, body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(fields(answer)).containsExactly("lectures_data");
        assertThat(answer.body().path("errors").get(0).path("message").asString()).contains("at most 10");
        assertThat(COURSES.requests("GET", courseId)).isEmpty();
        assertThat(COURSES.requests("POST", courseId)).isEmpty();
    }

    @Test
    void batchEntriesAreValidatedBeforeAnythingHappens() {
        UUID courseId = COURSES.course(false, owner);

        Answered answer = batch(owner, courseId, new Multipart()
                .field("lectures_data", "[{\"title\": \"Fine\"}, {\"description\": \"no title\"}, "
                        + "{\"title\": \"Elsewhere\", \"course_id\": \"" + UUID.randomUUID() + "\"}]")
                .file("lectures_files", "a.mp4", TestVideos.THREE_SECONDS.bytes()));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(fields(answer)).containsExactlyInAnyOrder("lectures_data[1].title", "lectures_data[2].course_id");
        assertThat(COURSES.requests("POST", courseId)).isEmpty();

        Answered filesFirst = batch(owner, courseId, new Multipart()
                .file("lectures_files", "a.mp4", TestVideos.THREE_SECONDS.bytes())
                .field("lectures_data", "[{\"title\": \"Late\"}]"));
        assertThat(filesFirst.status()).isEqualTo(400);
        assertThat(fields(filesFirst)).containsExactly("lectures_data");

        Answered notJson = batch(owner, courseId, new Multipart().field("lectures_data", "{oops")
                .file("lectures_files", "a.mp4", TestVideos.THREE_SECONDS.bytes()));
        assertThat(fields(notJson)).containsExactly("lectures_data");

        Answered noFiles = batch(owner, courseId, new Multipart().field("lectures_data", "[{\"title\": \"Alone\"}]"));
        assertThat(noFiles.status()).isEqualTo(400);
        assertThat(fields(noFiles)).containsExactly("lectures_files");
        assertThat(COURSES.requests("POST", courseId)).isEmpty();
    }

    @Test
    void batchWithMoreOrFewerFilesThanEntriesReportsTheMismatchPerEntry() {
        UUID courseId = COURSES.course(false, owner);
        answerMuxUploads(2);

        Answered fewer = batch(owner, courseId, new Multipart()
                .field("lectures_data", "[{\"title\": \"One\"}, {\"title\": \"Two\"}]")
                .file("lectures_files", "one.mp4", TestVideos.THREE_SECONDS.bytes()));
        assertThat(fewer.status()).isEqualTo(202);
        assertThat(fewer.body().path("uploaded").asInt()).isEqualTo(1);
        assertThat(fewer.body().path("results").get(1).path("error").path("detail").asString())
                .contains("No file");

        Answered more = batch(owner, courseId, new Multipart()
                .field("lectures_data", "[{\"title\": \"Only\"}]")
                .file("lectures_files", "one.mp4", TestVideos.THREE_SECONDS.bytes())
                .file("lectures_files", "extra.mp4", TestVideos.THREE_SECONDS.bytes()));
        assertThat(more.status()).isEqualTo(202);
        assertThat(more.body().path("results").get(1).path("file_name").asString()).isEqualTo("extra.mp4");
        assertThat(more.body().path("results").get(1).path("status").asString()).isEqualTo("failed");
        assertThat(COURSES.requests("POST", courseId)).hasSize(2);
    }

    @Test
    void batchOnACourseTheCallerCannotSeeIsItsProblem() {
        Answered answer = batch(owner, UUID.randomUUID(), new Multipart()
                .field("lectures_data", "[{\"title\": \"One\"}]")
                .file("lectures_files", "one.mp4", TestVideos.THREE_SECONDS.bytes()));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void apiDocsDescribeBothMultipartBodies() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/v3/api-docs")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode docs = JSON.readTree(response.body());

        JsonNode single = docs.path("paths").path("/api/v1/courses/{courseId}/lectures/upload").path("post")
                .path("requestBody").path("content").path("multipart/form-data").path("schema");
        JsonNode batch = docs.path("paths").path("/api/v1/courses/{courseId}/lectures/batch-upload").path("post")
                .path("requestBody").path("content").path("multipart/form-data").path("schema");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(properties(docs, single)).contains("title", "lecture_file");
        assertThat(properties(docs, batch)).contains("lectures_data", "lectures_files");
    }

    private static List<String> properties(JsonNode docs, JsonNode schema) {
        JsonNode resolved = schema;
        if (schema.has("$ref")) {
            String name = schema.path("$ref").asString().substring("#/components/schemas/".length());
            resolved = docs.path("components").path("schemas").path(name);
        }
        List<String> names = new ArrayList<>();
        resolved.path("properties").propertyNames().forEach(names::add);
        return names;
    }

    // helpers

    /** Scripts Mux to answer the next {@code count} upload creations with fresh ids whose URLs are local. */
    private static List<String> answerMuxUploads(int count) {
        List<String> ids = new ArrayList<>();
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "upload" + UUID.randomUUID().toString().replace("-", "");
            ids.add(id);
            answers.add(new Answer(201, MuxStub.resource("upload-created.json")
                    .replace(MUX_UPLOAD_URL, UPLOAD_URLS.url(id).toString()).replace(MUX_UPLOAD_ID, id), Map.of(), 0));
        }
        // the last answer repeats: one more that fails keeps a stray creation from reusing an id
        answers.add(Answer.of(400, "error-400.json"));
        MUX.on("POST", "/video/v1/uploads", answers.toArray(Answer[]::new));
        return ids;
    }

    private UUID createdLecture(UUID courseId) {
        List<CourseServiceStub.Request> deletes = COURSES.requests("DELETE", courseId);
        assertThat(deletes).isNotEmpty();
        String path = deletes.getFirst().path();
        return UUID.fromString(path.substring(path.lastIndexOf('/') + 1));
    }

    private String uploadStatus(String uploadId) {
        return jdbc.sql("select status from uploads where upload_id = :id").param("id", uploadId)
                .query(String.class).single();
    }

    private static List<String> fields(Answered answer) {
        List<String> fields = new ArrayList<>();
        answer.body().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        return fields;
    }

    private Answered upload(String authorization, UUID courseId, Multipart body) {
        return send(authorization, "/api/v1/courses/" + courseId + "/lectures/upload", body);
    }

    private Answered batch(String authorization, UUID courseId, Multipart body) {
        return send(authorization, "/api/v1/courses/" + courseId + "/lectures/batch-upload", body);
    }

    private Answered send(String authorization, String path, Multipart body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", body.contentType())
                .POST(body.publisher());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() ? JSON.missingNode() : JSON.readTree(response.body());
            return new Answered(response.statusCode(), response.headers().map(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(InputStream in) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            digest.update(buffer, 0, n);
        }
        return digest.digest();
    }
}
