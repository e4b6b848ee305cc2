package dev.lectern.media.playback;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.lectern.contracts.asset.AssetCreated;
import dev.lectern.contracts.asset.AssetDeleted;
import dev.lectern.contracts.asset.AssetErrored;
import dev.lectern.contracts.asset.AssetReady;
import dev.lectern.contracts.asset.PlaybackId;
import dev.lectern.contracts.asset.UploadAssetCreated;
import dev.lectern.contracts.asset.UploadCancelled;
import dev.lectern.contracts.course.LectureRemoved;
import dev.lectern.contracts.enrollment.EnrollmentEnded;
import dev.lectern.contracts.enrollment.StudentEnrolled;
import dev.lectern.media.MediaServiceUnderTest;
import dev.lectern.media.mux.MuxStub.Answer;
import dev.lectern.testkit.Eventually;
import dev.lectern.testkit.ServiceClient.Caller;
import dev.lectern.testkit.ServiceClient.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PlaybackTest extends MediaServiceUnderTest {

    private final UUID ownerId = UUID.randomUUID();
    private final Caller owner = new Caller(ownerId, "instructor");
    private final UUID studentId = UUID.randomUUID();
    private final Caller student = new Caller(studentId, "student");

    private static String playbackPath(UUID lectureId) {
        return "/api/v1/lectures/" + lectureId + "/playback";
    }

    private String ready(CourseFixture course, String policy) {
        String assetId = "asset-" + UUID.randomUUID();
        String playbackId = "pb-" + UUID.randomUUID();
        publish(new AssetReady(UUID.randomUUID(), Instant.now(), course.lectureId(), "mux-" + UUID.randomUUID(),
                assetId, "upload-1", List.of(new PlaybackId(playbackId, policy)), 3.0, "4:3", "SD"));
        Eventually.assertThat(() -> assertThat(api().get(owner, playbackPath(course.lectureId())).status())
                .isEqualTo(200));
        return playbackId;
    }

    @Test
    void enrolledStudentGetsSignedUrlsWhoseTokensVerifyWithTheSigningKey() throws Exception {
        CourseFixture course = course(ownerId, true, false, false);
        String playbackId = ready(course, "signed");
        enroll(studentId, course.courseId());

        Response response = api().get(student, playbackPath(course.lectureId()));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).contains("no-store");
        assertThat(response.text("playback_id")).isEqualTo(playbackId);
        Instant expiresAt = Instant.parse(response.text("expires_at"));
        assertThat(expiresAt).isBetween(Instant.now().plus(Duration.ofMinutes(4)), Instant.now().plus(Duration.ofMinutes(6)));
        assertToken(response.text("hls_url"), "https://stream.mux.com/" + playbackId + ".m3u8", playbackId, "v", expiresAt);
        assertToken(response.text("thumbnail_url"), "https://image.mux.com/" + playbackId + "/thumbnail.jpg", playbackId,
                "t", expiresAt);
        assertToken(response.text("storyboard_url"), "https://image.mux.com/" + playbackId + "/storyboard.vtt",
                playbackId, "s", expiresAt);
        assertThat(response.body().path("drm").isNull() || response.body().path("drm").isMissingNode()).isTrue();
    }

    @Test
    void studentWhoIsNotEnrolledGets403AndLosesAccessWhenTheEnrollmentEnds() {
        CourseFixture course = course(ownerId, true, false, false);
        ready(course, "signed");

        Response response = api().get(student, playbackPath(course.lectureId()));
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");

        UUID enrollmentId = UUID.randomUUID();
        publish(new StudentEnrolled(UUID.randomUUID(), Instant.now(), enrollmentId, studentId, course.courseId()));
        Eventually.assertThat(() -> assertThat(api().get(student, playbackPath(course.lectureId())).status())
                .isEqualTo(200));
        publish(new EnrollmentEnded(UUID.randomUUID(), Instant.now(), enrollmentId, studentId, course.courseId()));
        Eventually.assertThat(() -> assertThat(api().get(student, playbackPath(course.lectureId())).status())
                .isEqualTo(403));
        assertThat(api().get(Caller.instructor(), playbackPath(course.lectureId())).status()).isEqualTo(403);
        assertThat(api().get(Caller.anonymous(), playbackPath(course.lectureId())).status()).isEqualTo(401);
    }

    @Test
    void freePreviewOfAPublishedCourseIsOpenToAnySignedInUserButNotWhileADraft() {
        CourseFixture published = course(ownerId, true, false, true);
        ready(published, "signed");
        CourseFixture draft = course(ownerId, false, false, true);
        ready(draft, "signed");

        assertThat(api().get(Caller.student(), playbackPath(published.lectureId())).status()).isEqualTo(200);
        assertThat(api().get(Caller.instructor(), playbackPath(published.lectureId())).status()).isEqualTo(200);
        assertThat(api().get(Caller.student(), playbackPath(draft.lectureId())).status()).isEqualTo(403);
        assertThat(api().get(Caller.admin(), playbackPath(draft.lectureId())).status()).isEqualTo(200);
    }

    @Test
    void lectureThatIsNotReadyIs409AndUnknownIs404() {
        CourseFixture course = course(ownerId, true, false, true);
        publish(new AssetCreated(UUID.randomUUID(), Instant.now(), course.lectureId(), "mux-" + UUID.randomUUID(),
                "asset-x", "upload-x", List.of(new PlaybackId("pb-x", "signed"))));
        Eventually.assertThat(() -> assertThat(jdbc.sql("select state from lecture_videos where lecture_id = :id")
                .param("id", course.lectureId()).query(String.class).optional()).contains("processing"));

        Response notReady = api().get(owner, playbackPath(course.lectureId()));
        assertThat(notReady.status()).isEqualTo(409);
        assertThat(notReady.contentType()).startsWith("application/problem+json");
        assertThat(api().get(owner, playbackPath(UUID.randomUUID())).status()).isEqualTo(404);
    }

    @Test
    void readyBeforeAssetCreatedAndDuplicatesLeaveTheLectureReady() {
        CourseFixture course = course(ownerId, true, false, false);
        String playbackId = ready(course, "signed");
        String assetId = jdbc.sql("select asset_id from lecture_videos where lecture_id = :id")
                .param("id", course.lectureId()).query(String.class).single();
        String late = "mux-late-" + UUID.randomUUID();
        publish(new UploadAssetCreated(UUID.randomUUID(), Instant.now(), course.lectureId(), late, "upload-1", assetId));
        publish(new AssetCreated(UUID.randomUUID(), Instant.now(), course.lectureId(), late + "-2", assetId, "upload-1",
                List.of(new PlaybackId(playbackId, "signed"))));
        publish(new AssetErrored(UUID.randomUUID(), Instant.now(), course.lectureId(), late + "-3", assetId,
                "invalid_input", List.of("late and stale")));
        awaitConsumed(course);

        assertThat(jdbc.sql("select state from lecture_videos where lecture_id = :id")
                .param("id", course.lectureId()).query(String.class).single()).isEqualTo("ready");
        Response response = api().get(owner, playbackPath(course.lectureId()));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("playback_id")).isEqualTo(playbackId);
    }

    /**
     * Publishes, after the events before it, one whose effect shows (a waiting upload becomes cancelled) and waits
     * for it: the lecture's events share a partition, so everything before it has been applied too.
     */
    private void awaitConsumed(CourseFixture course) {
        String marker = "upload-marker-" + UUID.randomUUID();
        jdbc.sql("""
                        insert into uploads (upload_id, lecture_id, course_id, status, created_at, expires_at)
                        values (:id, :lecture, :course, 'waiting', now(), now())""")
                .param("id", marker).param("lecture", course.lectureId()).param("course", course.courseId()).update();
        publish(new UploadCancelled(UUID.randomUUID(), Instant.now(), course.lectureId(), "mux-" + marker, marker));
        Eventually.assertThat(() -> assertThat(jdbc.sql("select status from uploads where upload_id = :id")
                .param("id", marker).query(String.class).single()).isEqualTo("cancelled"));
    }

    @Test
    void drmPlaybackAddsLicenseUrlsWithADrmToken() throws Exception {
        CourseFixture course = course(ownerId, true, true, false);
        String playbackId = ready(course, "drm");

        Response response = api().get(owner, playbackPath(course.lectureId()));

        assertThat(response.text("policy")).isEqualTo("drm");
        String widevine = response.body().path("drm").path("widevine_license_url").asString();
        assertToken(widevine, "https://license.mux.com/license/widevine/" + playbackId, playbackId, "d",
                Instant.parse(response.text("expires_at")));
        assertThat(response.body().path("drm").path("fairplay_license_url").asString())
                .startsWith("https://license.mux.com/license/fairplay/" + playbackId + "?token=");
    }

    @Test
    void removedLectureLosesPlaybackAndItsAssetIsDeletedAtMux() {
        CourseFixture course = course(ownerId, true, false, true);
        ready(course, "signed");
        String assetId = jdbc.sql("select asset_id from lecture_videos where lecture_id = :id")
                .param("id", course.lectureId()).query(String.class).single();
        MUX.on("DELETE", "/video/v1/assets/" + assetId, Answer.of(500, "error-500.json"), Answer.of(204, null));

        publish(new LectureRemoved(UUID.randomUUID(), Instant.now(), course.courseId(), nextVersion(),
                course.lectureId(), assetId));

        Eventually.assertThat(() -> assertThat(api().get(owner, playbackPath(course.lectureId())).status())
                .isEqualTo(404));
        Eventually.assertThat(Duration.ofSeconds(30), () -> assertThat(jdbc.sql(
                "select count(*) from asset_deletions where asset_id = :id").param("id", assetId)
                .query(Long.class).single()).isZero());
        assertThat(MUX.requests("DELETE", "/video/v1/assets/" + assetId).size()).isGreaterThanOrEqualTo(2);

        publish(new AssetDeleted(UUID.randomUUID(), Instant.now(), course.lectureId(), "mux-" + UUID.randomUUID(),
                assetId));
        Eventually.assertThat(() -> assertThat(jdbc.sql("select state from lecture_videos where lecture_id = :id")
                .param("id", course.lectureId()).query(String.class).single()).isEqualTo("deleted"));
    }

    private static void assertToken(String url, String expectedBase, String playbackId, String audience,
                                    Instant expiresAt) throws Exception {
        assertThat(url).startsWith(expectedBase + "?token=");
        SignedJWT jwt = SignedJWT.parse(URI.create(url).getQuery().substring("token=".length()));
        assertThat(jwt.verify(new RSASSAVerifier(signingPublicKey()))).isTrue();
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(SIGNING_KEY_ID);
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo(playbackId);
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly(audience);
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(expiresAt);
    }
}
