package dev.lectern.auth.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.auth.AuthHttpSupport;
import dev.lectern.auth.AuthServiceApplication;
import dev.lectern.contracts.EventCodec;
import dev.lectern.contracts.Topics;
import dev.lectern.contracts.course.CourseDetails;
import dev.lectern.contracts.course.CourseEvent;
import dev.lectern.contracts.course.CoursePublished;
import dev.lectern.testkit.Eventually;
import dev.lectern.testkit.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real service on a random port with a database and a consumer group of its own (other test contexts share the
 * broker, and would otherwise take partitions of the course topic into their own databases). Course events are
 * produced to the real Kafka as course-service would.
 */
@SpringBootTest(classes = AuthServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "lectern.auth.admin.email=" + AuthHttpSupport.ADMIN_EMAIL,
                "lectern.auth.admin.password=" + AuthHttpSupport.ADMIN_PASSWORD,
                "lectern.outbox.poll-interval-ms=100",
                "spring.kafka.consumer.group-id=auth-service-enrollment-it"
        })
public abstract class EnrollmentIntegrationTest extends AuthHttpSupport {

    /** Joining the consumer group can take a while on a loaded machine. */
    protected static final Duration CONSUMED = Duration.ofSeconds(45);

    private static KafkaProducer<String, byte[]> producer;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.postgres("auth_enrollment").register(registry);
        TestInfrastructure.kafka().register(registry);
    }

    @Autowired
    protected JdbcClient jdbc;

    @AfterAll
    static void closeProducer() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            TestInfrastructure.kafka().createTopics(3, Topics.COURSES, Topics.COURSES + ".dlt", Topics.ENROLLMENTS);
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka().bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    /** Sends a course event the way course-service does: key = course id, id and type headers. */
    protected static void publish(CourseEvent event) {
        publish(null, event);
    }

    /** The same, on a chosen partition, so the order against another course's event is known. */
    protected static void publish(Integer partition, CourseEvent event) {
        EventCodec.Encoded encoded = EventCodec.encode(event);
        publishRaw(partition, encoded.key(), encoded.eventType(), encoded.json());
    }

    protected static void publishRaw(Integer partition, String key, String eventType, byte[] json) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.COURSES, partition, key, json);
        if (eventType != null) {
            record.headers().add(EventCodec.EVENT_TYPE_HEADER, eventType.getBytes(StandardCharsets.UTF_8));
        }
        try {
            producer().send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static CourseDetails details(UUID instructorId, boolean premium, boolean published) {
        return new CourseDetails(instructorId, "Streaming video on the JVM", "engineering", "backend", premium,
                List.of("java"), published, false);
    }

    /** The course's version in the read model, or -1 when it is not there. */
    protected long storedVersion(UUID courseId) {
        return jdbc.sql("select course_version from catalog_courses where course_id = :id")
                .param("id", courseId).query(Long.class).optional().orElse(-1L);
    }

    protected void awaitVersion(UUID courseId, long version) {
        Eventually.assertThat(CONSUMED, () -> assertThat(storedVersion(courseId)).isEqualTo(version));
    }

    /** A published course of {@code instructorId} at version 1, once the read model has it. */
    protected UUID publishedCourse(UUID instructorId, boolean premium) {
        UUID courseId = UUID.randomUUID();
        publish(new CoursePublished(UUID.randomUUID(), Instant.now(), courseId, 1,
                details(instructorId, premium, true)));
        awaitVersion(courseId, 1);
        return courseId;
    }

    protected Reply enroll(String token, UUID courseId) {
        return send("POST", "/api/v1/subscriptions", "{\"course_id\":\"" + courseId + "\"}", token);
    }

    protected Reply unenroll(String token, UUID courseId) {
        return send("DELETE", "/api/v1/subscriptions/" + courseId, null, token);
    }

    protected Reply grant(String adminToken, UUID userId, UUID courseId) {
        return send("POST", "/api/v1/admin/entitlements",
                "{\"user_id\":\"" + userId + "\",\"course_id\":\"" + courseId + "\"}", adminToken);
    }

    /** A newly registered account of that role, signed in. */
    protected Caller caller(String role) {
        Account account = register(role);
        return new Caller(account, login(account).accessToken());
    }

    protected record Caller(Account account, String token) {
        public UUID id() {
            return account.id();
        }
    }
}
