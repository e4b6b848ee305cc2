package dev.lectern.platform;

import dev.lectern.infra.Ports;
import dev.lectern.muxemulator.MuxEmulator;
import dev.lectern.muxemulator.MuxEmulatorSettings;
import dev.lectern.muxemulator.SigningKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The whole platform on this machine: infrastructure in this JVM, each service its own JVM.
 * <pre>{@code
 * try (LocalPlatform platform = LocalPlatform.start(PlatformOptions.forTests(repo, tempDir)
 *         .withEnv("LECTERN_TRUSTED_PROXIES", "127.0.0.1/32"))) {
 *     URI gateway = platform.gatewayUrl();
 * }
 * }</pre>
 */
public final class LocalPlatform implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    private static final int LOG_TAIL_LINES = 40;

    private final PlatformOptions options;
    private final Infrastructure infrastructure;
    private final Map<Service, ServiceProcess> processes = new ConcurrentHashMap<>();
    private final Thread shutdownHook = new Thread(this::close, "lectern-platform-shutdown");
    private final long startedNanos = System.nanoTime();
    private final String muxWebhookSecret;
    private volatile MuxEmulator muxEmulator;
    private volatile SigningKey muxSigningKey;
    private volatile boolean closed;

    LocalPlatform(PlatformOptions options) {
        this.options = options;
        this.infrastructure = new Infrastructure(options.dataDir(), options.infraPorts());
        this.muxWebhookSecret = options.emulatesMux() ? "local-" + HexFormat.of().formatHex(randomBytes(24))
                : firstOf(System.getenv("MUX_WEBHOOK_SECRETS"), MuxEmulatorSettings.DEFAULT_WEBHOOK_SECRET);
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static String firstOf(String commaSeparated, String fallback) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return fallback;
        }
        return commaSeparated.split(",")[0].strip();
    }

    /**
     * Starts infrastructure and services and waits until every service is ready.
     *
     * @throws PlatformStartException with the reason (a port taken, a jar missing, a service not ready in
     *                                time, with the tail of its log); nothing is left running then
     */
    public static LocalPlatform start(PlatformOptions options) {
        requireJars(options);
        requireFreePorts(options);
        LocalPlatform platform = new LocalPlatform(options);
        Runtime.getRuntime().addShutdownHook(platform.shutdownHook);
        try {
            platform.startAll();
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    /**
     * Starts the four servers in parallel and each service as soon as its own store is up (Kafka is only
     * awaited through readiness), while the service jars are extracted.
     */
    private void startAll() {
        try {
            Files.createDirectories(options.logDir());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + options.logDir(), e);
        }
        options.out().println("Starting PostgreSQL, Kafka, Redis, MongoDB (data in " + options.dataDir() + ")");
        if (options.emulatesMux()) {
            startMuxEmulator();
        }
        ExecutorService pool = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().factory());
        try {
            CompletableFuture<Void> postgres = infra(pool, "PostgreSQL", infrastructure::startPostgres);
            CompletableFuture<Void> kafka = infra(pool, "Kafka", infrastructure.kafka::start);
            CompletableFuture<Void> redis = infra(pool, "Redis", infrastructure.redis::start);
            CompletableFuture<Void> mongo = infra(pool, "MongoDB", infrastructure.mongo::start);
            Map<Service, CompletableFuture<Void>> store = Map.of(Service.GATEWAY, redis, Service.AUTH, postgres,
                    Service.COURSE, mongo, Service.MEDIA, postgres, Service.WEBHOOK, postgres);
            List<CompletableFuture<Void>> all = new ArrayList<>(List.of(postgres, kafka, redis, mongo));
            for (Service service : Service.values()) {
                Path cache = options.cacheDir().resolve(service.id());
                all.add(CompletableFuture
                        .supplyAsync(() -> ExtractedJar.prepare(service.jar(options.repoRoot()), cache), pool)
                        .thenCombine(store.get(service), (jar, ready) -> jar)
                        .thenAccept(jar -> launch(service, jar, cache)));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } finally {
            pool.shutdown();
        }
        awaitReady();
    }

    /**
     * The Mux emulator in this JVM, delivering webhooks through the gateway as Mux would, with a fresh signing key
     * for media-service's playback tokens. Its uploads and assets stay under {@code <data>/mux}.
     */
    private void startMuxEmulator() {
        muxEmulator = MuxEmulator.start(MuxEmulatorSettings.builder()
                .port(options.muxEmulatorPort())
                .webhookUrl(URI.create("http://localhost:" + options.port(Service.GATEWAY) + "/webhooks/mux"))
                .webhookSecret(muxWebhookSecret)
                .dataDirectory(options.dataDir().resolve("mux"))
                .build());
        muxSigningKey = muxEmulator.createSigningKey();
        options.out().printf("  %-16s up after %.1f s at %s%n", "Mux emulator", elapsedSeconds(), muxEmulator.baseUrl());
    }

    private CompletableFuture<Void> infra(ExecutorService pool, String name, Runnable start) {
        return CompletableFuture.runAsync(start, pool)
                .thenRun(() -> options.out().printf("  %-16s up after %.1f s%n", name, elapsedSeconds()));
    }

    private void launch(Service service, Path jar, Path cache) {
        if (closed) {
            throw new PlatformStartException("Stopped while starting", 1);
        }
        List<String> jvm = new ArrayList<>(options.jvmOptions());
        jvm.addAll(ExtractedJar.classDataSharingOptions(jar, cache));
        processes.put(service, ServiceProcess.start(service, jar, jvm, environmentOf(service), logFile(service)));
    }

    /** The environment a service gets: everything it needs to find the others, then {@code extraEnv}. */
    Map<String, String> environmentOf(Service service) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Service s : Service.values()) {
            env.put(s.portEnv(), String.valueOf(options.port(s)));
        }
        env.put(Service.MANAGEMENT_PORT_ENV, String.valueOf(options.managementPort(service)));
        env.put("LECTERN_PARENT_PID", String.valueOf(ProcessHandle.current().pid()));
        env.put("KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafka.bootstrapServers());
        env.put("LECTERN_JWKS_URI", "http://localhost:" + options.port(Service.AUTH) + "/.well-known/jwks.json");
        env.put("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED", "true");
        switch (service) {
            case AUTH, MEDIA, WEBHOOK -> {
                String database = service == Service.AUTH ? "auth" : service == Service.MEDIA ? "media" : "webhook";
                env.put("POSTGRES_URL", infrastructure.postgres.jdbcUrl(database));
                env.put("POSTGRES_USER", infrastructure.postgres.username());
                env.put("POSTGRES_PASSWORD", infrastructure.postgres.password());
            }
            case COURSE -> env.put("MONGO_URI", "mongodb://localhost:" + options.infraPorts().mongo() + "/course");
            case GATEWAY -> {
                env.put("REDIS_HOST", "localhost");
                env.put("REDIS_PORT", String.valueOf(options.infraPorts().redis()));
                for (Service upstream : List.of(Service.AUTH, Service.COURSE, Service.MEDIA, Service.WEBHOOK)) {
                    env.put(upstream.urlEnv(), "http://localhost:" + options.port(upstream));
                }
            }
        }
        if (service == Service.MEDIA) {
            env.put(Service.COURSE.urlEnv(), "http://localhost:" + options.port(Service.COURSE));
        }
        if (muxEmulator != null) {
            muxEnvironment(service, env);
        }
        env.putAll(options.extraEnv());
        return env;
    }

    /** Points media-service and webhook-service at the emulator; the launcher's own MUX_* values are overridden. */
    private void muxEnvironment(Service service, Map<String, String> env) {
        switch (service) {
            case MEDIA -> {
                env.put("MUX_BASE_URL", muxEmulator.baseUrl());
                env.put("MUX_TOKEN_ID", MuxEmulatorSettings.DEFAULT_TOKEN_ID);
                env.put("MUX_TOKEN_SECRET", MuxEmulatorSettings.DEFAULT_TOKEN_SECRET);
                env.put("MUX_SIGNING_KEY_ID", muxSigningKey.id());
                env.put("MUX_SIGNING_KEY_PRIVATE", muxSigningKey.privateKey());
                env.put("MUX_STREAM_BASE_URL", muxEmulator.streamBaseUrl());
                env.put("MUX_IMAGE_BASE_URL", muxEmulator.imageBaseUrl());
                env.put("MUX_LICENSE_BASE_URL", muxEmulator.baseUrl()); // media-service adds /license/{scheme}/, as Mux
                env.put("MUX_DRM_CONFIGURATION_ID", "");
            }
            case WEBHOOK -> env.put("MUX_WEBHOOK_SECRETS", muxWebhookSecret);
            default -> {
            }
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + options.readyTimeout().toNanos();
        List<Service> pending = new ArrayList<>(List.of(Service.values()));
        while (!pending.isEmpty()) {
            if (closed) {
                throw new PlatformStartException("Stopped while starting", 130);
            }
            for (var it = pending.iterator(); it.hasNext(); ) {
                Service service = it.next();
                ServiceProcess process = processes.get(service);
                if (!process.isAlive()) {
                    throw new PlatformStartException(service.id() + " exited with code " + process.exitValue()
                            + " while starting. Last lines of " + process.logFile() + ":\n" + process.logTail(LOG_TAIL_LINES), 1);
                }
                if (isReady(http, service)) {
                    options.out().printf("  %-16s ready after %.1f s%n", service.id(), elapsedSeconds());
                    it.remove();
                }
            }
            if (pending.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                ServiceProcess first = processes.get(pending.getFirst());
                throw new PlatformStartException(pending.stream().map(Service::id).toList()
                        + " not ready within " + options.readyTimeout().toSeconds()
                        + " s (GET /actuator/health/readiness on the management port). "
                        + "Last lines of " + first.logFile() + ":\n" + first.logTail(LOG_TAIL_LINES), 1);
            }
            sleep(250);
        }
    }

    private boolean isReady(HttpClient http, Service service) {
        HttpRequest request = HttpRequest.newBuilder(managementUrl(service).resolve("/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformStartException("Interrupted while waiting for " + service.id(), e);
        }
    }

    private static void requireJars(PlatformOptions options) {
        List<String> missing = new ArrayList<>();
        for (Service service : Service.values()) {
            if (!Files.isRegularFile(service.jar(options.repoRoot()))) {
                missing.add(service.jar(options.repoRoot()).toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new PlatformStartException("Service jars missing:\n  " + String.join("\n  ", missing)
                    + "\nBuild them with: ./mvnw -B -DskipTests install   (or ./lectern up, which builds what is missing)", 3);
        }
    }

    private static void requireFreePorts(PlatformOptions options) {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        for (Service s : Service.values()) {
            wanted.put(s.portEnv() + ", " + s.id(), options.port(s));
            wanted.put(s.managementPortEnv() + ", " + s.id() + " management", options.managementPort(s));
        }
        InfraPorts infra = options.infraPorts();
        wanted.put("POSTGRES_PORT, PostgreSQL", infra.postgres());
        wanted.put("KAFKA_PORT, Kafka", infra.kafka());
        wanted.put("KAFKA_CONTROLLER_PORT, Kafka controller", infra.kafkaController());
        wanted.put("REDIS_PORT, Redis", infra.redis());
        wanted.put("MONGO_PORT, MongoDB", infra.mongo());
        if (options.emulatesMux()) {
            wanted.put("MUX_EMULATOR_PORT, Mux emulator", options.muxEmulatorPort());
        }
        List<String> problems = new ArrayList<>();
        Map<Integer, String> seen = new LinkedHashMap<>();
        wanted.forEach((what, port) -> {
            String other = seen.putIfAbsent(port, what);
            if (other != null) {
                problems.add("port " + port + " is configured twice (" + other + " and " + what + ")");
            } else if (!Ports.isFree(port)) {
                problems.add("port " + port + " (" + what + ") is already in use");
            }
        });
        if (!problems.isEmpty()) {
            throw new PlatformStartException("Cannot start, nothing was started:\n  " + String.join("\n  ", problems)
                    + "\nIs another platform running? Stop it, or choose free ports with the variables named above.", 2);
        }
    }

    /** {@code http://127.0.0.1:<GATEWAY_PORT>} */
    public URI gatewayUrl() {
        return url(Service.GATEWAY);
    }

    /** {@code http://127.0.0.1:<port>} of a service. */
    public URI url(Service service) {
        return URI.create("http://127.0.0.1:" + options.port(service));
    }

    /** {@code http://127.0.0.1:<management port>} of a service: health probes and {@code /actuator/prometheus}. */
    public URI managementUrl(Service service) {
        return URI.create("http://127.0.0.1:" + options.managementPort(service));
    }

    /** The pid of a service's JVM. */
    public long pid(Service service) {
        return processes.get(service).pid();
    }

    public boolean isAlive(Service service) {
        ServiceProcess process = processes.get(service);
        return process != null && process.isAlive();
    }

    /** True once {@link #close()} has begun (services stopping are then expected). */
    public boolean isStopping() {
        return closed;
    }

    public Path logFile(Service service) {
        return options.logDir().resolve(service.id() + ".log");
    }

    public PlatformOptions options() {
        return options;
    }

    /** The Mux emulator the platform runs; absent when it talks to the real Mux. */
    public Optional<MuxEmulator> muxEmulator() {
        return Optional.ofNullable(muxEmulator);
    }

    /** The key media-service signs playback tokens with, when the platform runs the emulator. */
    public Optional<SigningKey> muxSigningKey() {
        return Optional.ofNullable(muxSigningKey);
    }

    /** The secret webhook-service checks {@code Mux-Signature} with (the emulator's, or the first configured). */
    public String muxWebhookSecret() {
        return muxWebhookSecret;
    }

    /** Stops the Kafka broker, keeping its data (outage tests). */
    public void stopKafka() {
        infrastructure.kafka.stop();
    }

    /** Starts the Kafka broker again on its port and data. */
    public void startKafka() {
        infrastructure.kafka.start();
    }

    public String kafkaBootstrapServers() {
        return infrastructure.kafka.bootstrapServers();
    }

    /** JDBC url of a database on the platform's PostgreSQL. */
    public String postgresJdbcUrl(String database) {
        return infrastructure.postgres.jdbcUrl(database);
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** Stops the services (SIGTERM, then kill after a grace period, whole process trees), then infrastructure. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: fine
            }
        }
        List<ServiceProcess> running = List.copyOf(processes.values());
        running.forEach(ServiceProcess::requestStop);
        running.forEach(p -> p.awaitStopped(STOP_GRACE));
        if (muxEmulator != null) {
            try {
                muxEmulator.close();
            } catch (RuntimeException e) {
                System.err.println("Could not stop the Mux emulator: " + e.getMessage());
            }
        }
        infrastructure.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformStartException("Interrupted while waiting for the services", e);
        }
    }
}
