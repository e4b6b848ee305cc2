package dev.lectern.muxemulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.muxemulator.WebhookReceiver.Received;
import dev.lectern.testkit.TestVideos;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WebhookDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String SECRET = "test-webhook-secret";

    private WebhookReceiver receiver;
    private MuxEmulator mux;
    private MuxHttp http;

    @BeforeEach
    void start() {
        receiver = new WebhookReceiver();
        mux = MuxEmulator.start(MuxEmulatorSettings.builder()
                .webhookUrl(receiver.url())
                .webhookSecret(SECRET)
                .processingDelay(Duration.ofMillis(50))
                .webhookRetry(Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofMinutes(1))
                .build());
        http = new MuxHttp(mux);
    }

    @AfterEach
    void stop() {
        mux.close();
        receiver.close();
    }

    @Test
    void receiverFailingTwiceThenRetriedWithTheSameEventIdFreshlySignedAndGrownAttempts() throws Exception {
        receiver.answer(500, 500);
        String lecture = UUID.randomUUID().toString();
        http.createUpload(lecture);

        mux.webhooks().awaitDelivered("video.upload.created", lecture, WAIT);
        List<Received> attempts = receiver.received("video.upload.created");
        assertThat(attempts).hasSize(3);
        assertThat(attempts).extracting(Received::id).containsOnly(attempts.getFirst().id());
        assertThat(attempts).allSatisfy(a -> assertThat(WebhookReceiver.signedWith(SECRET, a)).isTrue());
        assertThat(attempts.get(0).json().path("attempts").size()).isZero();
        assertThat(attempts.get(2).json().path("attempts").size()).isEqualTo(2);
        assertThat(attempts.get(2).json().path("attempts").get(0).path("response_status_code").asInt()).isEqualTo(500);

        assertThat(mux.webhooks().deliveries("video.upload.created")).extracting(Delivery::attempt, Delivery::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 500), org.assertj.core.groups.Tuple.tuple(2, 500),
                        org.assertj.core.groups.Tuple.tuple(3, 200));
    }

    @Test
    void failingDeliveryThenTheUploadsLaterEventsWaitAndArriveInOrder() throws Exception {
        receiver.answer(503, 503, 503);
        String first = UUID.randomUUID().toString();
        JsonNode upload = http.createUpload(first);
        http.put(upload.path("url").asString(), TestVideos.THREE_SECONDS.bytes(), null);

        mux.webhooks().awaitDelivered("video.asset.ready", first, WAIT);
        List<String> types = receiver.received().stream().filter(r -> r.json().toString().contains(first))
                .filter(r -> WebhookReceiver.signedWith(SECRET, r)).map(Received::type).distinct().toList();
        assertThat(types).containsExactly("video.upload.created", "video.upload.asset_created", "video.asset.created",
                "video.asset.ready");
    }

    @Test
    void uploadWhoseDeliveriesKeepFailingDoesNotHoldUpAnotherUpload() throws Exception {
        String stuck = UUID.randomUUID().toString();
        receiver.refuseContaining(stuck);
        http.createUpload(stuck);
        String other = UUID.randomUUID().toString();
        http.createUpload(other);

        mux.webhooks().awaitDelivered("video.upload.created", other, WAIT);
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(mux.webhooks().deliveries()
                .stream().filter(d -> stuck.equals(d.passthrough()))).isNotEmpty().noneMatch(Delivery::succeeded));

        receiver.refuseContaining(null);
        mux.webhooks().awaitDelivered("video.upload.created", stuck, WAIT);
    }

    @Test
    void duplicateEachThenEveryEventDeliveredExtraTimesWithTheSameId() throws Exception {
        mux.webhooks().duplicateEach(2);
        String lecture = UUID.randomUUID().toString();
        http.createUpload(lecture);

        receiver.await(3, WAIT);
        List<Received> copies = receiver.received("video.upload.created");
        assertThat(copies).hasSize(3);
        assertThat(copies).extracting(Received::id).containsOnly(copies.getFirst().id());
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() ->
                assertThat(mux.webhooks().deliveries()).extracting(Delivery::copy).containsExactly(0, 1, 2));

        mux.webhooks().duplicateEach(0);
        http.createUpload(UUID.randomUUID().toString());
        receiver.await(4, WAIT);
        Thread.sleep(200);
        assertThat(receiver.received()).hasSize(4);
    }

    @Test
    void reorderThenAnUploadsEventsArriveNewestFirst() throws Exception {
        mux.webhooks().reorder(true);
        String lecture = UUID.randomUUID().toString();
        JsonNode upload = http.createUpload(lecture);
        http.put(upload.path("url").asString(), TestVideos.THREE_SECONDS.bytes(), null);

        List<Received> webhooks = receiver.await(4, WAIT);
        assertThat(webhooks).extracting(Received::type).containsExactly("video.asset.ready", "video.asset.created",
                "video.upload.asset_created", "video.upload.created");
    }

    @Test
    void reorderSwitchedOffThenHeldEventsAreReleasedInOrder() throws Exception {
        mux.webhooks().reorder(true);
        String lecture = UUID.randomUUID().toString();
        http.createUpload(lecture);
        Thread.sleep(200);
        assertThat(receiver.received()).isEmpty();

        mux.webhooks().reorder(false);
        mux.webhooks().awaitDelivered("video.upload.created", lecture, WAIT);
    }

    @Test
    void awaitDeliveredWhenNothingArrivesThenFailsListingTheAttempts() {
        assertThatThrownBy(() -> mux.webhooks().awaitDelivered("video.asset.ready", "nobody", Duration.ofMillis(100)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("video.asset.ready");
    }

    @Test
    void controlsOverHttpWithoutCredentials() throws Exception {
        assertThat(http.get(mux.baseUrl() + "/_emulator/health").status()).isEqualTo(200);
        var duplicate = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(mux.baseUrl() + "/_emulator/webhooks/duplicate-each?n=1"))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(duplicate.status()).isEqualTo(204);
        String lecture = UUID.randomUUID().toString();
        http.createUpload(lecture);

        var awaited = http.get(mux.baseUrl() + "/_emulator/webhooks/await?type=video.upload.created&key=" + lecture);
        assertThat(awaited.status()).isEqualTo(200);
        assertThat(awaited.json().path("passthrough").asString()).isEqualTo(lecture);
        receiver.await(2, WAIT);
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(
                http.get(mux.baseUrl() + "/_emulator/deliveries?type=video.upload.created").json().size()).isEqualTo(2));
        assertThat(http.get(mux.baseUrl() + "/_emulator/webhooks/await?type=video.asset.ready&key=x&timeout=PT0.1S")
                .status()).isEqualTo(408);
    }
}
