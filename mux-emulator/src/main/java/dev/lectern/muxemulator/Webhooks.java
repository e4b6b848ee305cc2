package dev.lectern.muxemulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Webhook delivery like Mux's: a signed JSON POST per event, retried with exponential backoff on a non-2xx
 * answer or no answer, each retry freshly signed and carrying the earlier {@code attempts}. The events of one
 * upload (its upload, asset, track and static rendition events) go out in order on their own lane; different uploads
 * in parallel.
 *
 * <p>Test controls: {@link #duplicateEach}, {@link #reorder}, {@link #deliveries}, {@link #awaitDelivered}.
 */
public final class Webhooks implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Webhooks.class);
    private static final DateTimeFormatter MUX_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Set<String> LAST_OF_A_BATCH = Set.of("video.asset.ready", "video.asset.errored",
            "video.asset.deleted", "video.upload.cancelled", "video.upload.errored", "video.asset.track.ready",
            "video.asset.track.errored", "video.asset.track.skipped", "video.asset.track.deleted",
            "video.asset.static_renditions.ready", "video.asset.static_renditions.errored");
    private static final int MAX_ATTEMPTS_SHOWN = 30;

    /**
     * An event as emitted; its body is rendered per attempt. Events of one {@code lane} (an upload, or an asset
     * created from a URL, with its tracks) go out in order.
     */
    record Event(String id, String type, String objectType, String objectId, String uploadId, String passthrough,
                 JsonNode data, Instant createdAt, String lane) {
    }

    private record Queued(Event event, int copy) {
    }

    private final class Lane {
        final Deque<Queued> pending = new ArrayDeque<>();
        final List<Queued> held = new ArrayList<>();
        Thread worker;
    }

    private final MuxEmulatorSettings settings;
    private final HttpClient http;
    private final Map<String, Lane> lanes = new HashMap<>();
    private final List<Delivery> deliveries = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();
    private int duplicates;
    private boolean reorder;
    private boolean closed;

    Webhooks(MuxEmulatorSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.webhookAttemptTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    // test controls

    /** Deliver every event emitted from now on {@code n} extra times (0 switches it off). */
    public synchronized void duplicateEach(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative");
        }
        duplicates = n;
    }

    /**
     * While on, a lane's events (an upload's, or a URL asset's, with their tracks') are held back until the last of
     * a batch (asset ready, errored or deleted, upload cancelled or errored, track ready, errored, skipped or
     * deleted, static renditions ready or errored) and then delivered newest first, e.g. {@code video.asset.ready}
     * before {@code video.upload.asset_created}, {@code video.asset.track.ready} before
     * {@code video.asset.track.created}. Switching it off releases what is held, in order.
     */
    public synchronized void reorder(boolean enabled) {
        reorder = enabled;
        if (!enabled) {
            for (Lane lane : lanes.values()) {
                lane.pending.addAll(lane.held);
                lane.held.clear();
                start(lane);
            }
        }
    }

    /** Every attempt so far, oldest first. */
    public synchronized List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** The attempts for one event type, oldest first. */
    public synchronized List<Delivery> deliveries(String type) {
        return deliveries.stream().filter(d -> d.type().equals(type)).toList();
    }

    /** Every event emitted so far (delivered or not), as {@code type} → object id pairs, oldest first. */
    public synchronized List<Map.Entry<String, String>> emitted() {
        return events.stream().map(e -> Map.entry(e.type(), e.objectId())).toList();
    }

    /**
     * Waits for the first successful delivery of an event of this type about {@code key}: the passthrough (the
     * lecture id), the upload id or the object id.
     *
     * @throws AssertionError if none succeeded in time (the message lists what was attempted)
     */
    public Delivery awaitDelivered(String type, String key, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (true) {
                for (Delivery delivery : deliveries) {
                    if (delivery.succeeded() && delivery.type().equals(type) && matches(delivery, key)) {
                        return delivery;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + type + " delivered for " + key + " within " + timeout
                            + "; attempts so far: " + deliveries);
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for " + type, e);
                }
            }
        }
    }

    private static boolean matches(Delivery delivery, String key) {
        return key.equals(delivery.passthrough()) || key.equals(delivery.uploadId()) || key.equals(delivery.objectId());
    }

    // emitting

    /**
     * Queues an event on a lane; nothing is sent without a webhook URL, but it is still listed. {@code uploadId}
     * and {@code passthrough} are what {@link #awaitDelivered} matches besides the object id (for track events the
     * asset's, though Mux's payload does not carry them).
     */
    synchronized void emit(String type, String objectType, String objectId, String uploadId, String passthrough,
                           JsonNode data, String laneKey) {
        Event event = new Event(UUID.randomUUID().toString(), type, objectType, objectId, uploadId, passthrough,
                data.deepCopy(), Instant.now(), laneKey);
        events.add(event);
        if (closed || settings.webhookUrl() == null) {
            return;
        }
        Lane lane = lanes.computeIfAbsent(event.lane(), k -> new Lane());
        List<Queued> copies = new ArrayList<>();
        for (int copy = 0; copy <= duplicates; copy++) {
            copies.add(new Queued(event, copy));
        }
        if (reorder) {
            lane.held.addAll(copies);
            if (LAST_OF_A_BATCH.contains(type)) {
                List<Queued> batch = new ArrayList<>(lane.held);
                Collections.reverse(batch);
                lane.pending.addAll(batch);
                lane.held.clear();
            }
        } else {
            lane.pending.addAll(copies);
        }
        start(lane);
    }

    private void start(Lane lane) {
        if (lane.worker == null && !lane.pending.isEmpty() && !closed) {
            lane.worker = Thread.ofVirtual().name("mux-emulator-webhooks").start(() -> drain(lane));
        }
    }

    private void drain(Lane lane) {
        while (true) {
            Queued next;
            synchronized (this) {
                next = closed ? null : lane.pending.poll();
                if (next == null) {
                    lane.worker = null;
                    return;
                }
            }
            if (!deliver(next)) {
                return;
            }
        }
    }

    /** Delivers one copy until a 2xx or the give-up time; false if interrupted by {@link #close()}. */
    private boolean deliver(Queued queued) {
        Event event = queued.event();
        URI url = Objects.requireNonNull(settings.webhookUrl());
        Instant first = Instant.now();
        ArrayNode attempts = Http.JSON.createArrayNode();
        Duration backoff = settings.webhookInitialBackoff();
        for (int attempt = 1; ; attempt++) {
            byte[] body = Http.JSON.writeValueAsBytes(envelope(event, attempts));
            String timestamp = Long.toString(Instant.now().getEpochSecond());
            HttpRequest request = HttpRequest.newBuilder(url)
                    .timeout(settings.webhookAttemptTimeout())
                    .header("Content-Type", "application/json")
                    .header("Mux-Signature", "t=" + timestamp + ",v1=" + sign(settings.webhookSecret(), timestamp, body))
                    .header("User-Agent", "Mux Webhooks (lectern mux-emulator)")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            Integer status = null;
            String error = null;
            try {
                status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            Delivery delivery = new Delivery(event.type(), event.id(), event.objectId(), event.uploadId(),
                    event.passthrough(), queued.copy(), attempt, status, error, Instant.now());
            record(delivery);
            if (delivery.succeeded()) {
                return true;
            }
            attempts.add(attemptEntry(url, status, delivery.at()));
            if (Duration.between(first, Instant.now()).plus(backoff).compareTo(settings.webhookGiveUpAfter()) > 0) {
                log.warn("Gave up delivering webhook {} {} after {} attempts", event.type(), event.id(), attempt);
                record(new Delivery(event.type(), event.id(), event.objectId(), event.uploadId(), event.passthrough(),
                        queued.copy(), attempt, null, "gave-up", Instant.now()));
                return true;
            }
            log.debug("Webhook {} {} attempt {} failed ({}), retrying in {} ms", event.type(), event.id(), attempt,
                    status != null ? status : error, backoff.toMillis());
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            backoff = backoff.multipliedBy(2);
            if (backoff.compareTo(settings.webhookMaxBackoff()) > 0) {
                backoff = settings.webhookMaxBackoff();
            }
        }
    }

    private synchronized void record(Delivery delivery) {
        deliveries.add(delivery);
        notifyAll();
    }

    private static ObjectNode envelope(Event event, ArrayNode attempts) {
        ObjectNode body = Http.object();
        body.put("type", event.type());
        body.putNull("request_id");
        ObjectNode object = body.putObject("object");
        object.put("type", event.objectType());
        object.put("id", event.objectId());
        body.put("id", event.id());
        ObjectNode environment = body.putObject("environment");
        environment.put("name", "Development");
        environment.put("id", "emulator");
        body.set("data", event.data());
        body.put("created_at", MUX_TIME.format(event.createdAt()));
        body.set("attempts", attempts.deepCopy());
        body.putNull("accessor_source");
        body.putNull("accessor");
        return body;
    }

    private static ObjectNode attemptEntry(URI url, Integer status, Instant at) {
        ObjectNode attempt = Http.object();
        attempt.put("webhook_id", 1);
        if (status == null) {
            attempt.putNull("response_status_code");
        } else {
            attempt.put("response_status_code", status);
        }
        attempt.putObject("response_headers");
        attempt.put("response_body", "");
        attempt.put("max_attempts", MAX_ATTEMPTS_SHOWN);
        attempt.put("id", UUID.randomUUID().toString());
        attempt.put("created_at", MUX_TIME.format(at));
        attempt.put("address", url.toString());
        return attempt;
    }

    /**
     * The {@code Mux-Signature} header Mux sends with {@code body} at {@code at}: {@code t=<unix seconds>,v1=<hex>}.
     * For tests and benchmarks that play Mux.
     */
    public static String signatureHeader(String secret, java.time.Instant at, byte[] body) {
        String timestamp = Long.toString(at.getEpochSecond());
        return "t=" + timestamp + ",v1=" + sign(secret, timestamp, body);
    }

    /** Lowercase hex HMAC-SHA256 of {@code t + "." + body} with the secret's UTF-8 bytes, as Mux signs. */
    static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            mac.update(body);
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Stops the delivery threads; events not yet delivered are dropped. */
    @Override
    public void close() {
        List<Thread> workers = new ArrayList<>();
        synchronized (this) {
            closed = true;
            for (Lane lane : lanes.values()) {
                if (lane.worker != null) {
                    workers.add(lane.worker);
                }
            }
            notifyAll();
        }
        workers.forEach(Thread::interrupt);
        for (Thread worker : workers) {
            try {
                worker.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        http.shutdownNow();
    }
}
