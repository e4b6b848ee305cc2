package dev.lectern.webhook.mux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.contracts.EventCodec;
import dev.lectern.contracts.EventContracts;
import dev.lectern.contracts.Topics;
import dev.lectern.contracts.asset.AssetEvent;
import dev.lectern.contracts.asset.AssetReady;
import dev.lectern.contracts.asset.PlaybackId;
import dev.lectern.testkit.KafkaTestConsumer;
import dev.lectern.testkit.ServiceClient;
import dev.lectern.testkit.ServiceClient.Caller;
import dev.lectern.testkit.TestInfrastructure;
import dev.lectern.testkit.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Deliveries from Mux against the real PostgreSQL and Kafka: what is published, once, and what is refused. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "lectern.webhook.mux.secrets=" + MuxWebhookTest.SECRET + ", " + MuxWebhookTest.ROTATED_SECRET)
class MuxWebhookTest {

    static final String SECRET = "current-test-secret";
    static final String ROTATED_SECRET = "next-test-secret";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.postgres("webhook").register(registry);
        TestInfrastructure.kafka().register(registry);
        TestTokens.shared().register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    private KafkaTestConsumer assets;
    private final UUID lecture = UUID.randomUUID();
    private final String muxEventId = UUID.randomUUID().toString();

    @BeforeEach
    void listen() {
        assets = TestInfrastructure.kafka().consumeFromNow(Topics.ASSET_LIFECYCLE);
    }

    @AfterEach
    void stopListening() {
        assets.close();
    }

    private ServiceClient.Response deliver(String body, String signature) {
        Map<String, String> headers = new HashMap<>();
        if (signature != null) {
            headers.put("Mux-Signature", signature);
        }
        return new ServiceClient(port).send(Caller.anonymous(), "POST", "/webhooks/mux", body, headers);
    }

    private ServiceClient.Response deliver(String body) {
        return deliver(body, MuxWebhooks.signature(SECRET, body, Instant.now()));
    }

    private int processedRows(String id) {
        return jdbc.sql("select count(*) from processed_webhooks where mux_event_id = :id").param("id", id)
                .query(Integer.class).single();
    }

    /** Delivers another event of the same lecture (same key, same partition) and waits for it: anything
     * published for the lecture before it has arrived by then. Returns every record of the lecture. */
    private List<ConsumerRecord<String, String>> recordsOfLectureAfterBarrier() {
        String barrierId = UUID.randomUUID().toString();
        assertThat(deliver(MuxWebhooks.assetReady(barrierId, lecture)).status()).isEqualTo(200);
        assets.awaitRecord(r -> r.value().contains(barrierId));
        return assets.records().stream().filter(r -> r.key().equals(lecture.toString()))
                .filter(r -> !r.value().contains(barrierId)).toList();
    }

    private double counted(String outcome, String reason) {
        var counter = meters.find("lectern.webhook.mux.deliveries").tag("outcome", outcome).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void signedAssetReadyIsPublishedOnceKeyedByLectureAndConformsToTheContract() {
        double acceptedBefore = counted("accepted", "video.asset.ready");

        var response = deliver(MuxWebhooks.assetReady(muxEventId, lecture));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("status")).isEqualTo("accepted");
        ConsumerRecord<String, String> record = assets.awaitRecord(r -> r.key().equals(lecture.toString()));
        assertThat(KafkaTestConsumer.header(record, EventCodec.EVENT_TYPE_HEADER)).isEqualTo(AssetReady.TYPE);
        assertThat(KafkaTestConsumer.header(record, EventCodec.EVENT_ID_HEADER))
                .isEqualTo(AssetEvent.eventIdOf(muxEventId).toString());
        byte[] json = record.value().getBytes(StandardCharsets.UTF_8);
        var encoded = new EventCodec.Encoded(record.topic(), record.key(),
                KafkaTestConsumer.header(record, EventCodec.EVENT_ID_HEADER), AssetReady.TYPE, json);
        assertThat(EventContracts.violations(encoded)).isEmpty();
        AssetReady event = EventCodec.decode(Topics.ASSET_LIFECYCLE, json, AssetReady.class).orElseThrow();
        assertThat(event.lectureId()).isEqualTo(lecture);
        assertThat(event.muxEventId()).isEqualTo(muxEventId);
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2024-06-10T22:22:41.488Z"));
        assertThat(event.assetId()).isEqualTo("d67h5rEZl02A5302VZ2Sx01frHf1tuJoDvbuuPNb8Gjza8");
        assertThat(event.playbackIds()).containsExactly(new PlaybackId("9P57BUhqIjJNi4RKPR02XVZmAYSSjuj6tVOK6DDe7MgM", "signed"));
        assertThat(event.durationSeconds()).isEqualTo(153.361542);
        assertThat(processedRows(muxEventId)).isEqualTo(1);
        assertThat(counted("accepted", "video.asset.ready")).isEqualTo(acceptedBefore + 1);
    }

    @Test
    void aRedeliveryWithMoreAttemptsIsAcknowledgedWithoutASecondRecord() {
        assertThat(deliver(MuxWebhooks.assetReady(muxEventId, lecture)).status()).isEqualTo(200);
        assets.awaitRecord(r -> r.key().equals(lecture.toString()));

        var again = deliver(MuxWebhooks.assetReady(muxEventId, lecture, MuxWebhooks.oneFailedAttempt()));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("status")).isEqualTo("duplicate");
        assertThat(recordsOfLectureAfterBarrier()).hasSize(1);
        assertThat(processedRows(muxEventId)).isEqualTo(1);
    }

    @Test
    void aSignatureWithTheRotatedSecretIsAccepted() {
        String body = MuxWebhooks.assetReady(muxEventId, lecture);

        var response = deliver(body, MuxWebhooks.signature(ROTATED_SECRET, body, Instant.now()));

        assertThat(response.status()).isEqualTo(200);
        assets.awaitRecord(r -> r.key().equals(lecture.toString()));
    }

    @Test
    void tamperedWrongSecretStaleOrMissingSignaturesAre401AndPublishNothing() {
        String body = MuxWebhooks.assetReady(muxEventId, lecture);
        String valid = MuxWebhooks.signature(SECRET, body, Instant.now());
        double mismatchesBefore = counted("rejected", "mismatch-signature");

        List<ServiceClient.Response> refused = List.of(
                deliver(body.replace("153.361542", "1.0"), valid),
                deliver(body, MuxWebhooks.signature("not-our-secret", body, Instant.now())),
                deliver(body, MuxWebhooks.signature(SECRET, body, Instant.now().minusSeconds(301))),
                deliver(body, MuxWebhooks.signature(SECRET, body, Instant.now().plusSeconds(400))),
                deliver(body, null));

        assertThat(refused).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.text("type")).isEqualTo("https://lectern.dev/problems/unauthorized");
        });
        assertThat(recordsOfLectureAfterBarrier()).isEmpty();
        assertThat(processedRows(muxEventId)).isZero();
        assertThat(counted("rejected", "mismatch-signature")).isEqualTo(mismatchesBefore + 2);
    }

    @Test
    void malformedJsonOrAMissingIdWithAValidSignatureIs400() {
        for (String body : List.of("{\"type\": \"video.asset.ready\", ", "[1,2]",
                "{\"type\":\"video.asset.ready\",\"data\":{\"passthrough\":\"" + lecture + "\"}}",
                "{\"id\":\"" + muxEventId + "\",\"data\":{}}")) {
            var response = deliver(body);

            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void unknownTypesAndEventsWithoutALectureAreAcknowledgedAndIgnored() {
        String updated = MuxWebhooks.assetReady(muxEventId, lecture).replace("\"video.asset.ready\"", "\"video.asset.updated\"");
        String noLecture = MuxWebhooks.assetReady(UUID.randomUUID().toString(), lecture)
                .replace(lecture.toString(), "video:7f3c9a1e");

        var unknown = deliver(updated);
        var withoutLecture = deliver(noLecture);

        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.text("status")).isEqualTo("ignored");
        assertThat(withoutLecture.status()).isEqualTo(200);
        assertThat(withoutLecture.text("status")).isEqualTo("ignored");
        assertThat(recordsOfLectureAfterBarrier()).isEmpty();
        assertThat(processedRows(muxEventId)).isZero();
    }

    @Test
    void aBodyOverTheLimitIs413() {
        String body = "{\"id\":\"x\",\"type\":\"video.asset.ready\",\"pad\":\"" + "a".repeat(1024 * 1024) + "\"}";

        var response = deliver(body);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.text("type")).isEqualTo("https://lectern.dev/problems/payload-too-large");
    }

    @Test
    void processedIdsOlderThanTheRetentionArePurged(@Autowired ProcessedWebhooksPurge purge) {
        jdbc.sql("insert into processed_webhooks values (:id, 'video.asset.ready', :lecture, now() - interval '8 days')")
                .param("id", muxEventId).param("lecture", lecture).update();
        String recent = UUID.randomUUID().toString();
        jdbc.sql("insert into processed_webhooks values (:id, 'video.asset.ready', :lecture, now() - interval '6 days')")
                .param("id", recent).param("lecture", lecture).update();

        purge.purge();

        assertThat(processedRows(muxEventId)).isZero();
        assertThat(processedRows(recent)).isEqualTo(1);
    }
}
