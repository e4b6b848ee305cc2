package dev.lectern.platform.bench;

import org.HdrHistogram.Histogram;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A closed-loop load run: {@code concurrency} workers send requests back to back until {@code maxRequests}
 * were sent or {@code maxDuration} passed, whichever comes first. Latencies go into an HdrHistogram.
 */
final class LoadRun {

    record Result(String name, long requests, long errors, double seconds, Histogram latencyMicros) {

        double throughput() {
            return requests / seconds;
        }

        double p50Millis() {
            return latencyMicros.getValueAtPercentile(50) / 1000.0;
        }

        double p99Millis() {
            return latencyMicros.getValueAtPercentile(99) / 1000.0;
        }

        /** One line: throughput, p50, p99, how many requests, errors. */
        void print(java.io.PrintStream out, String label, String unit) {
            out.printf(java.util.Locale.ROOT,
                    "  %-26s %9.1f %-9s p50 %7.2f ms  p99 %7.2f ms  (%d requests in %.1f s, %d errors)%n",
                    label, throughput(), unit, p50Millis(), p99Millis(), requests, seconds, errors);
        }

        /** How this run, through the gateway, compares with the same requests sent straight to the service. */
        void printAgainst(java.io.PrintStream out, Result direct) {
            out.printf(java.util.Locale.ROOT, "  gateway: %.0f%% of direct throughput, p50 %+.2f ms, p99 %+.2f ms%n",
                    100 * throughput() / direct.throughput(), p50Millis() - direct.p50Millis(),
                    p99Millis() - direct.p99Millis());
        }
    }

    private LoadRun() {
    }

    /**
     * @param expectedStatus answers with another status count as errors
     * @param request        builds the i-th request
     */
    static Result run(String name, HttpClient http, int concurrency, int maxRequests, Duration maxDuration,
                      int expectedStatus, IntFunction<HttpRequest> request) {
        AtomicInteger next = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        long deadline = System.nanoTime() + maxDuration.toNanos();
        List<Histogram> histograms = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        long started = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            Histogram histogram = new Histogram(60_000_000L, 3);
            histograms.add(histogram);
            workers.add(Thread.ofPlatform().name("bench-" + name + "-" + w).start(() -> {
                int i;
                while ((i = next.getAndIncrement()) < maxRequests && System.nanoTime() < deadline) {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<Void> response = http.send(request.apply(i), HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() != expectedStatus) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        if (e instanceof InterruptedException) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                    histogram.recordValue(Math.min((System.nanoTime() - t0) / 1_000, 60_000_000L));
                }
            }));
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Histogram all = new Histogram(60_000_000L, 3);
        histograms.forEach(all::add);
        return new Result(name, all.getTotalCount(), errors.get(), seconds, all);
    }
}
