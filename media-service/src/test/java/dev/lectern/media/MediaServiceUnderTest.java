package dev.lectern.media;

import dev.lectern.contracts.DomainEvent;
import dev.lectern.contracts.course.CourseCreated;
import dev.lectern.contracts.course.CourseDetails;
import dev.lectern.contracts.course.CoursePublished;
import dev.lectern.contracts.course.LectureAdded;
import dev.lectern.contracts.course.LectureDetails;
import dev.lectern.contracts.enrollment.StudentEnrolled;
import dev.lectern.media.lectureupload.CourseServiceStub;
import dev.lectern.media.mux.MuxStub;
import dev.lectern.testkit.Eventually;
import dev.lectern.testkit.ServiceClient;
import dev.lectern.testkit.TestInfrastructure;
import dev.lectern.testkit.TestTokens;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * media-service on the shared real PostgreSQL and Kafka, with a scripted Mux ({@link MuxStub}), a stand-in
 * course-service ({@link CourseServiceStub}), a generated playback signing key and a DRM configuration, and
 * small lecture upload limits (70 MiB per file, 1 MiB chunks). Every test class extends this, so they share one
 * application context (one consumer group on the shared broker). Read models are fed the way production feeds
 * them: by publishing events to Kafka.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class MediaServiceUnderTest {

    protected static final MuxStub MUX = new MuxStub();
    protected static final CourseServiceStub COURSES = new CourseServiceStub();
    protected static final long MIB = 1024 * 1024;
    protected static final long LECTURE_UPLOAD_MAX_FILE = 70 * MIB;
    protected static final long LECTURE_UPLOAD_CHUNK = MIB;
    protected static final KeyPair SIGNING_KEY = rsaKeyPair();
    protected static final String SIGNING_KEY_ID = "test-signing-key";
    protected static final String DRM_CONFIGURATION_ID = "drm-config-test";

    private static final AtomicLong VERSIONS = new AtomicLong(1);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.postgres("media").register(registry);
        TestInfrastructure.kafka().register(registry);
        TestTokens.shared().register(registry);
        registry.add("lectern.mux.base-url", () -> MUX.baseUrl().toString());
        registry.add("lectern.mux.token-id", () -> "test-token-id");
        registry.add("lectern.mux.token-secret", () -> "test-token-secret");
        registry.add("lectern.mux.retry-base-delay", () -> "PT0.01S");
        registry.add("lectern.mux.retry-budget", () -> "PT1S");
        registry.add("lectern.media.upload.cors-origin", () -> "https://app.lectern.test");
        registry.add("lectern.media.upload.drm-configuration-id", () -> DRM_CONFIGURATION_ID);
        registry.add("lectern.media.playback.signing-key-id", () -> SIGNING_KEY_ID);
        registry.add("lectern.media.playback.signing-key-private", MediaServiceUnderTest::privateKeyBase64Pem);
        registry.add("lectern.media.playback.token-ttl", () -> "PT5M");
        registry.add("lectern.media.asset-deletion.interval", () -> "PT0.2S");
        registry.add("lectern.outbox.poll-interval-ms", () -> "50");
        registry.add("lectern.lecture-upload.course-service-url", () -> COURSES.baseUrl().toString());
        registry.add("lectern.lecture-upload.max-file-size", () -> LECTURE_UPLOAD_MAX_FILE + "B");
        registry.add("lectern.lecture-upload.chunk-size", () -> LECTURE_UPLOAD_CHUNK + "B");
        registry.add("lectern.lecture-upload.chunk-retries", () -> "2");
        registry.add("lectern.lecture-upload.chunk-retry-delay", () -> "PT0.01S");
    }

    @LocalServerPort
    protected int port;

    @LocalManagementPort
    protected int managementPort;

    @Autowired
    protected JdbcClient jdbc;

    protected ServiceClient api() {
        return new ServiceClient(port);
    }

    /** Actuator: health probes and metrics, on the management port only. */
    protected ServiceClient management() {
        return new ServiceClient(managementPort);
    }

    /** What Prometheus scrapes. */
    protected String metrics() {
        return management().get(ServiceClient.Caller.anonymous(), "/actuator/prometheus").body().asString();
    }

    protected static RSAPublicKey signingPublicKey() {
        return (RSAPublicKey) SIGNING_KEY.getPublic();
    }

    /** A course of {@code instructorId} with one lecture, as course-service announces them; waits until known. */
    protected CourseFixture course(UUID instructorId, boolean published, boolean drm, boolean freePreview) {
        UUID courseId = UUID.randomUUID();
        UUID lectureId = UUID.randomUUID();
        CourseDetails details = new CourseDetails(instructorId, "Video on the JVM", "engineering", null, false,
                List.of(), false, drm);
        publish(new CourseCreated(UUID.randomUUID(), Instant.now(), courseId, VERSIONS.incrementAndGet(), details));
        publish(new LectureAdded(UUID.randomUUID(), Instant.now(), courseId, VERSIONS.incrementAndGet(), lectureId,
                new LectureDetails("Intro", 1, freePreview, "none", null)));
        if (published) {
            publish(new CoursePublished(UUID.randomUUID(), Instant.now(), courseId, VERSIONS.incrementAndGet(),
                    new CourseDetails(instructorId, "Video on the JVM", "engineering", null, false, List.of(), true,
                            drm)));
        }
        Eventually.assertThat(() -> org.assertj.core.api.Assertions.assertThat(jdbc.sql("""
                        select count(*) from catalog_lectures l join catalog_courses c using (course_id)
                        where l.lecture_id = :l and c.published = :p""")
                .param("l", lectureId).param("p", published).query(Long.class).single()).isEqualTo(1L));
        return new CourseFixture(courseId, lectureId, instructorId);
    }

    protected static long nextVersion() {
        return VERSIONS.incrementAndGet();
    }

    protected void enroll(UUID studentId, UUID courseId) {
        UUID enrollmentId = UUID.randomUUID();
        publish(new StudentEnrolled(UUID.randomUUID(), Instant.now(), enrollmentId, studentId, courseId));
        Eventually.assertThat(() -> org.assertj.core.api.Assertions.assertThat(jdbc.sql(
                        "select count(*) from enrollments where enrollment_id = :id and active")
                .param("id", enrollmentId).query(Long.class).single()).isEqualTo(1L));
    }

    protected static void publish(DomainEvent event) {
        TestInfrastructure.kafka().publish(event);
    }

    public record CourseFixture(UUID courseId, UUID lectureId, UUID instructorId) {
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String privateKeyBase64Pem() {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(SIGNING_KEY.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }
}
