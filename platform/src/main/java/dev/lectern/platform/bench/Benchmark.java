package dev.lectern.platform.bench;

import dev.lectern.platform.LocalPlatform;
import dev.lectern.platform.PlatformApi;
import dev.lectern.platform.PlatformOptions;
import dev.lectern.platform.PlatformStartException;
import dev.lectern.platform.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/**
 * {@code ./lectern bench}: starts its own platform (or targets a running one with {@code --gateway} and
 * {@code --auth}), warms up, then measures on loopback, each run bounded in requests and time:
 * <ul>
 *   <li>{@code GET /api/v1/auth/me} with a bearer token through the gateway (token check, rate-limit counter in
 *   Redis, proxying) against the same request sent straight to auth-service;</li>
 *   <li>login throughput through the gateway against the bare Argon2id rate with auth-service's parameters;</li>
 *   <li>resident memory of each service JVM.</li>
 * </ul>
 * Not a test: it prints figures and compares them within the same run.
 */
public final class Benchmark {

    /** Rate limits of the benchmark's own platform: high enough never to answer 429, still checked in Redis. */
    static final Map<String, String> BENCH_ENV = Map.of(
            "LECTERN_RATE_LIMIT_AUTH_PER_MINUTE", "100000000",
            "LECTERN_RATE_LIMIT_DEFAULT_PER_MINUTE", "100000000");
    static final List<String> BENCH_JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PASSWORD = "Correct-Horse-Battery-42";

    private final Settings settings;
    private final PrintStream out;
    private String registeredEmail;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    record Settings(int requests, Duration duration, int concurrency, int logins, int loginConcurrency,
                    int enrollments, int readyLectures, Optional<URI> gateway, Optional<URI> auth,
                    Optional<URI> course, Optional<URI> webhook, String webhookSecret) {

        static Settings parse(List<String> args) {
            int requests = 20_000;
            Duration duration = Duration.ofSeconds(20);
            int concurrency = 16;
            int logins = 200;
            int loginConcurrency = 4;
            int enrollments = 50;
            int readyLectures = 40;
            Optional<URI> webhook = Optional.empty();
            String webhookSecret = "lectern-dev-mux-webhook-secret";
            Optional<URI> gateway = Optional.empty();
            Optional<URI> auth = Optional.empty();
            Optional<URI> course = Optional.empty();
            for (int i = 0; i < args.size(); i++) {
                String value = i + 1 < args.size() ? args.get(i + 1) : "";
                switch (args.get(i)) {
                    case "--requests" -> requests = positive(value);
                    case "--duration" -> duration = Duration.ofSeconds(positive(value));
                    case "--concurrency" -> concurrency = positive(value);
                    case "--logins" -> logins = positive(value);
                    case "--login-concurrency" -> loginConcurrency = positive(value);
                    case "--enrollments" -> enrollments = positive(value);
                    case "--ready-lectures" -> readyLectures = positive(value);
                    case "--webhook" -> webhook = Optional.of(URI.create(value));
                    case "--webhook-secret" -> webhookSecret = value;
                    case "--gateway" -> gateway = Optional.of(URI.create(value));
                    case "--auth" -> auth = Optional.of(URI.create(value));
                    case "--course" -> course = Optional.of(URI.create(value));
                    default -> throw new PlatformStartException("Unknown benchmark option " + args.get(i) + "\n" + USAGE, 64);
                }
                i++;
            }
            if (gateway.isPresent() != auth.isPresent() || gateway.isPresent() != course.isPresent()
                    || gateway.isPresent() != webhook.isPresent()) {
                throw new PlatformStartException("--gateway, --auth, --course and --webhook go together\n" + USAGE, 64);
            }
            return new Settings(requests, duration, concurrency, logins, loginConcurrency, enrollments, readyLectures,
                    gateway, auth, course, webhook, webhookSecret);
        }

        private static int positive(String value) {
            try {
                int n = Integer.parseInt(value);
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new PlatformStartException("Expected a positive number, got '" + value + "'\n" + USAGE, 64);
        }
    }

    static final String USAGE = """
            Usage: lectern bench [--requests N] [--duration SECONDS] [--concurrency C] [--logins N]
                                 [--login-concurrency C] [--enrollments N] [--ready-lectures N]
                                 [--gateway URL --auth URL --course URL --webhook URL [--webhook-secret S]]
              defaults: 20000 requests / 20 s per run, 16 concurrent; 200 logins, 4 concurrent; 50 enrollments;
              40 lectures timed from webhook to ready.
              --gateway/--auth/--course/--webhook target a running platform instead of starting one; it must run
              with LECTERN_RATE_LIMIT_AUTH_PER_MINUTE and _DEFAULT_PER_MINUTE raised (e.g. 100000000) or the runs
              end in 429s; --webhook-secret is its MUX_WEBHOOK_SECRETS (default: the local development secret).""";

    Benchmark(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /** Entry point of {@code lectern bench}; returns the process exit code. */
    public static int run(Path repoRoot, Path dataDir, List<String> args) {
        if (args.contains("--help")) {
            System.out.println(USAGE);
            return 0;
        }
        Settings settings = Settings.parse(args);
        Benchmark benchmark = new Benchmark(settings, System.out);
        if (settings.gateway().isPresent()) {
            return benchmark.measure(settings.gateway().get(), settings.auth().get(), settings.course().get(),
                    settings.webhook().get(), settings.webhookSecret(), Map.of());
        }
        Path benchData;
        try {
            benchData = Files.createTempDirectory("lectern-bench-");
        } catch (IOException e) {
            throw new PlatformStartException("Cannot create a data directory for the benchmark", e);
        }
        PlatformOptions options = PlatformOptions.forTests(repoRoot, benchData)
                .withCacheDir(dataDir.resolve("cache"))
                .withJvmOptions(BENCH_JVM_OPTIONS)
                .withEnv(BENCH_ENV);
        try (LocalPlatform platform = LocalPlatform.start(options)) {
            Map<Service, Long> pids = new java.util.EnumMap<>(Service.class);
            for (Service s : Service.values()) {
                pids.put(s, platform.pid(s));
            }
            return benchmark.measure(platform.gatewayUrl(), platform.url(Service.AUTH), platform.url(Service.COURSE),
                    platform.url(Service.WEBHOOK), platform.muxWebhookSecret(), pids);
        } finally {
            deleteQuietly(benchData);
        }
    }

    int measure(URI gateway, URI auth, URI course, URI webhook, String webhookSecret, Map<Service, Long> knownPids) {
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf(Locale.ROOT, "%nLectern benchmark: %d cores, JDK %s, loopback; gateway %s, auth-service %s%n",
                cores, Runtime.version(), gateway, auth);
        if (knownPids.isEmpty()) {
            out.println("Targeting a running platform (its own JVM options and limits apply).");
        } else {
            out.println("Own platform: services run with " + String.join(" ", BENCH_JVM_OPTIONS)
                    + ", rate limits raised to 100000000/min (still counted in Redis).");
        }
        out.println("The load generator shares the machine with the services: figures are for comparison within this run.");

        String token = accessToken(gateway);
        HttpRequest viaGateway = HttpRequest.newBuilder(gateway.resolve("/api/v1/auth/me"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build();
        HttpRequest direct = HttpRequest.newBuilder(auth.resolve("/api/v1/auth/me"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build();
        String loginBody = JSON.writeValueAsString(Map.of("email", registeredEmail, "password", PASSWORD));
        IntFunction<HttpRequest> login = i -> HttpRequest.newBuilder(gateway.resolve("/api/v1/auth/login"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(loginBody)).build();

        out.println("\nWarming up...");
        int warmRequests = Math.max(1, Math.min(5_000, settings.requests() / 4));
        Duration warmTime = Duration.ofSeconds(Math.max(3, settings.duration().toSeconds() / 2));
        LoadRun.run("warm-gateway", http, settings.concurrency(), warmRequests, warmTime, 200, i -> viaGateway);
        LoadRun.run("warm-direct", http, settings.concurrency(), warmRequests, warmTime, 200, i -> direct);
        LoadRun.run("warm-login", http, settings.loginConcurrency(), Math.max(1, settings.logins() / 10), warmTime, 200, login);
        HashRate.measure(1, 5, warmTime);

        out.printf(Locale.ROOT, "%nGET /api/v1/auth/me with a bearer token, %d concurrent, at most %d requests or %d s per run%n",
                settings.concurrency(), settings.requests(), settings.duration().toSeconds());
        LoadRun.Result g = LoadRun.run("gateway", http, settings.concurrency(), settings.requests(), settings.duration(), 200, i -> viaGateway);
        LoadRun.Result d = LoadRun.run("direct", http, settings.concurrency(), settings.requests(), settings.duration(), 200, i -> direct);
        g.print(out, "through the gateway", "req/s");
        d.print(out, "straight to auth-service", "req/s");
        g.printAgainst(out, d);

        out.printf(Locale.ROOT, "%nPOST /api/v1/auth/login through the gateway, %d concurrent, at most %d logins or %d s%n",
                settings.loginConcurrency(), settings.logins(), settings.duration().toSeconds());
        LoadRun.Result l = LoadRun.run("login", http, settings.loginConcurrency(), settings.logins(), settings.duration(), 200, login);
        l.print(out, "logins", "logins/s");
        out.printf(Locale.ROOT, "Bare Argon2id verification in this JVM (m=%d KiB, t=%d, p=%d, as dev.lectern.auth.user.PasswordHashing)%n",
                HashRate.MEMORY_KIB, HashRate.ITERATIONS, HashRate.PARALLELISM);
        List<HashRate.Result> hashRates = new ArrayList<>();
        for (int threads : cores > 1 ? List.of(1, cores) : List.of(1)) {
            HashRate.Result h = HashRate.measure(threads, settings.logins(), settings.duration());
            hashRates.add(h);
            out.printf(Locale.ROOT, "  %d thread%s %26.1f hashes/s  (%d in %.1f s)%n", threads, threads == 1 ? " " : "s",
                    h.perSecond(), h.hashes(), h.seconds());
        }
        HashRate.Result best = hashRates.getLast();
        out.printf(Locale.ROOT, "  logins reach %.0f%% of the bare %d-thread hash rate%n", 100 * l.throughput() / best.perSecond(), best.threads());

        PlatformApi api = new PlatformApi(http);
        boolean catalogClean = new CatalogBenchmark(http, out, api).measure(gateway, course, settings.concurrency(),
                settings.requests(), settings.duration(), settings.enrollments());

        boolean webhookClean = new WebhookBenchmark(http, out, api, webhookSecret).measure(gateway, webhook,
                settings.concurrency(), settings.requests(), settings.duration(), settings.readyLectures());

        boolean progressClean = new ProgressBenchmark(http, out, api, webhookSecret).measure(gateway, course,
                settings.concurrency(), settings.requests(), settings.duration());

        out.println("\nResident memory (VmRSS)");
        for (Service s : Service.values()) {
            Optional<Long> pid = Optional.ofNullable(knownPids.get(s)).or(() -> ProcessMemory.pidOfJar(s.id() + "-exec.jar"));
            String rss = pid.flatMap(ProcessMemory::residentKib).map(k -> String.format(Locale.ROOT, "%6.0f MiB", k / 1024.0))
                    .orElse("   n/a");
            out.printf(Locale.ROOT, "  %-16s %s%s%n", s.id(), rss, pid.map(p -> "  (pid " + p + ")").orElse(""));
        }
        ProcessMemory.residentKib(ProcessHandle.current().pid()).ifPresent(k -> out.printf(Locale.ROOT,
                "  %-16s %6.0f MiB  (this JVM: %sthe load generator)%n", "bench JVM", k / 1024.0,
                knownPids.isEmpty() ? "" : "Kafka, MongoDB and "));
        boolean clean = g.errors() == 0 && d.errors() == 0 && l.errors() == 0 && catalogClean && webhookClean
                && progressClean;
        if (!clean) {
            out.println("\nSome requests failed (see errors above): the figures are not comparable.");
        }
        return clean ? 0 : 1;
    }

    /** Registers a fresh student and returns an access token for it. */
    private String accessToken(URI gateway) {
        registeredEmail = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String mobile = "+4479" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        Map<String, Object> registration = Map.of("first_name", "Bench", "last_name", "Mark", "email", registeredEmail,
                "password", PASSWORD, "date_of_birth", "1990-01-01", "mobile_number", mobile, "role", "student");
        HttpResponse<String> registered = post(gateway.resolve("/api/v1/auth/register"), registration);
        if (registered.statusCode() != 201) {
            throw new PlatformStartException("Registering the benchmark user failed: " + registered.statusCode() + " "
                    + registered.body(), 1);
        }
        HttpResponse<String> login = post(gateway.resolve("/api/v1/auth/login"), Map.of("email", registeredEmail, "password", PASSWORD));
        if (login.statusCode() != 200) {
            throw new PlatformStartException("Login of the benchmark user failed: " + login.statusCode() + " " + login.body(), 1);
        }
        JsonNode body = JSON.readTree(login.body());
        return body.get("access_token").asString();
    }

    private HttpResponse<String> post(URI uri, Object body) {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new PlatformStartException("Cannot reach " + uri + ": " + e.getMessage(), 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformStartException("Interrupted", e);
        }
    }

    private static void deleteQuietly(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // a leftover temp directory is harmless
        }
    }
}
