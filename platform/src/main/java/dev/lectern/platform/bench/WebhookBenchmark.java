package dev.lectern.platform.bench;

import dev.lectern.platform.PlatformApi;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;

/**
 * The video pipeline figures, with deliveries shaped and signed as Mux sends them:
 * <ul>
 *   <li>webhook ingestion: verified {@code video.asset.created} deliveries per second and their latency, each
 *   answered only after Kafka acknowledged the event, through the gateway against straight to webhook-service;</li>
 *   <li>webhook to ready: from sending {@code video.asset.ready} for a lecture to the lecture showing
 *   {@code video_state: ready} in the course API (webhook-service, Kafka, course-service).</li>
 * </ul>
 */
final class WebhookBenchmark {

    private static final int INGESTION_LECTURES = 20;
    private static final Duration POLL = Duration.ofMillis(5);
    private static final Duration GIVE_UP = Duration.ofSeconds(30);

    private final HttpClient http;
    private final PrintStream out;
    private final PlatformApi api;
    private final MuxDeliveries deliveries;

    WebhookBenchmark(HttpClient http, PrintStream out, PlatformApi api, String webhookSecret) {
        this.http = http;
        this.out = out;
        this.api = api;
        this.deliveries = new MuxDeliveries(webhookSecret);
    }

    /** Returns whether every delivery was accepted and every lecture became ready. */
    boolean measure(URI gateway, URI webhookService, int concurrency, int requests, Duration duration, int lectures) {
        String instructor = api.login(gateway, api.register(gateway, "instructor"));
        String ingestionCourse = api.course(gateway, instructor, "Webhook ingestion");
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < INGESTION_LECTURES; i++) {
            targets.add(api.lecture(gateway, instructor, ingestionCourse, "Lecture " + i));
        }
        IntFunction<HttpRequest> viaGateway = i -> deliveries.assetCreated(gateway, targets.get(i % targets.size()));
        IntFunction<HttpRequest> direct = i -> deliveries.assetCreated(webhookService, targets.get(i % targets.size()));
        int warm = Math.max(1, Math.min(1_000, requests / 4));
        LoadRun.run("warm-webhook-gateway", http, concurrency, warm, duration, 200, viaGateway);
        LoadRun.run("warm-webhook-direct", http, concurrency, warm, duration, 200, direct);

        out.printf(Locale.ROOT, "%nPOST /webhooks/mux (signed video.asset.created, HMAC checked, Kafka acks=all before 200), "
                + "%d concurrent%n", concurrency);
        LoadRun.Result g = LoadRun.run("webhook-gateway", http, concurrency, requests, duration, 200, viaGateway);
        LoadRun.Result d = LoadRun.run("webhook-direct", http, concurrency, requests, duration, 200, direct);
        g.print(out, "through the gateway", "events/s");
        d.print(out, "straight to webhook-service", "events/s");
        g.printAgainst(out, d);

        String readyCourse = api.course(gateway, instructor, "Webhook to ready");
        out.printf(Locale.ROOT, "%nWebhook to ready (video.asset.ready -> webhook-service -> Kafka -> course-service -> "
                + "GET lectures), %d lectures, polled every %d ms%n", lectures, POLL.toMillis());
        Histogram lag = new Histogram(GIVE_UP.toMillis() * 1000, 3);
        int missed = 0;
        long loadEnded = System.nanoTime();
        // the first one waits behind the ingestion runs' events in every partition: reported apart
        String first = api.lecture(gateway, instructor, readyCourse, "Backlog");
        if (readyAfterWebhook(gateway, instructor, readyCourse, first) < 0) {
            missed++;
        }
        out.printf(Locale.ROOT, "  %-26s %7.1f s after the load ended%n", "backlog drained",
                (System.nanoTime() - loadEnded) / 1e9);
        for (int i = 0; i < lectures; i++) {
            String lectureId = api.lecture(gateway, instructor, readyCourse, "Lecture " + i);
            long micros = readyAfterWebhook(gateway, instructor, readyCourse, lectureId);
            if (micros < 0) {
                missed++;
            } else {
                lag.recordValue(micros);
            }
        }
        out.printf(Locale.ROOT, "  %-26s p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms  (%d lectures, %d not ready within %d s)%n",
                "webhook -> ready", lag.getValueAtPercentile(50) / 1000.0, lag.getValueAtPercentile(99) / 1000.0,
                lag.getMaxValue() / 1000.0, lag.getTotalCount(), missed, GIVE_UP.toSeconds());
        return g.errors() == 0 && d.errors() == 0 && missed == 0;
    }

    private long readyAfterWebhook(URI gateway, String token, String courseId, String lectureId) {
        long t0 = System.nanoTime();
        HttpResponse<String> answer = api.send(deliveries.assetReady(gateway, lectureId, 42.5));
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("webhook answered " + answer.statusCode() + " " + answer.body());
        }
        while (System.nanoTime() - t0 < GIVE_UP.toNanos()) {
            JsonNode lectures = api.get(gateway, token, "/api/v1/courses/" + courseId + "/lectures");
            for (JsonNode lecture : lectures.path("items").isArray() ? lectures.path("items") : lectures) {
                if (lecture.path("id").asString().equals(lectureId)
                        && lecture.path("video_state").asString().equals("ready")) {
                    return (System.nanoTime() - t0) / 1_000;
                }
            }
            PlatformApi.pause(POLL);
        }
        return -1;
    }
}
