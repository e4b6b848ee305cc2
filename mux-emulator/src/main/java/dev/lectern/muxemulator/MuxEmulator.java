package dev.lectern.muxemulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lectern.muxemulator.Http.MuxError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for Mux (api.mux.com, the GCS upload URL, stream.mux.com, image.mux.com, license.mux.com) on
 * one HTTP port, for the local platform and tests. Never used in production.
 *
 * <pre>{@code
 * try (MuxEmulator mux = MuxEmulator.start(MuxEmulatorSettings.builder().webhookUrl(url).build())) {
 *     // MUX_BASE_URL = mux.baseUrl(), MUX_STREAM_BASE_URL = mux.streamBaseUrl(), ...
 * }
 * }</pre>
 */
public final class MuxEmulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MuxEmulator.class);
    /** Connect and read time allowed to a URL Mux fetches (subtitle files, input videos). */
    private static final java.time.Duration DOWNLOAD_TIMEOUT = java.time.Duration.ofSeconds(30);

    private final MuxEmulatorSettings settings;
    private final Path dataDirectory;
    private final boolean temporaryDirectory;
    private final Store store;
    private final Webhooks webhooks;
    private final Downloads downloads;
    private final Pipeline pipeline;
    private final SigningKeys signingKeys;
    private final ApiHandler api;
    private final UploadHandler uploads;
    private final PlaybackHandler playback;
    private final ControlHandler controls;
    private final ExecutorService executor;
    private final HttpServer server;
    private final String baseUrl;

    private MuxEmulator(MuxEmulatorSettings settings) throws IOException {
        this.settings = settings;
        this.temporaryDirectory = settings.dataDirectory() == null;
        this.dataDirectory = temporaryDirectory ? Files.createTempDirectory("mux-emulator")
                : Files.createDirectories(settings.dataDirectory());
        this.store = new Store(dataDirectory);
        this.webhooks = new Webhooks(settings);
        this.downloads = new Downloads(DOWNLOAD_TIMEOUT);
        this.pipeline = new Pipeline(store, webhooks, settings.processingDelay(), new FfProbe(settings.ffprobeCommand()),
                downloads);
        this.signingKeys = new SigningKeys(store);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()), 0);
        this.baseUrl = "http://localhost:" + server.getAddress().getPort();
        pipeline.baseUrl(baseUrl);
        this.api = new ApiHandler(settings, store, pipeline, signingKeys, this::baseUrl);
        this.uploads = new UploadHandler(store, pipeline, settings.uploadChunkMultiple());
        this.playback = new PlaybackHandler(store, new PlaybackTokens(store));
        this.controls = new ControlHandler(this, store);
        server.createContext("/", this::dispatch);
        server.setExecutor(executor);
    }

    /** Starts the emulator; assets left {@code preparing} in the data directory are processed again. */
    public static MuxEmulator start(MuxEmulatorSettings settings) {
        try {
            MuxEmulator emulator = new MuxEmulator(settings);
            emulator.server.start();
            emulator.pipeline.resume();
            log.info("Mux emulator listening on {} (data in {}, webhooks to {})", emulator.baseUrl,
                    emulator.dataDirectory, settings.webhookUrl() == null ? "nowhere" : settings.webhookUrl());
            return emulator;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Mux emulator", e);
        }
    }

    /** Starts with every default (any port, temporary directory, no webhooks). */
    public static MuxEmulator start() {
        return start(MuxEmulatorSettings.builder().build());
    }

    /** The API root, e.g. {@code http://localhost:18080}: what media-service gets as {@code MUX_BASE_URL}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** Stands for {@code https://stream.mux.com}. */
    public String streamBaseUrl() {
        return baseUrl + "/stream";
    }

    /** Stands for {@code https://image.mux.com}. */
    public String imageBaseUrl() {
        return baseUrl + "/image";
    }

    /** Stands for {@code https://license.mux.com}; {@code /widevine/{pid}} and {@code /license/widevine/{pid}} both answer. */
    public String licenseBaseUrl() {
        return baseUrl + "/license";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public MuxEmulatorSettings settings() {
        return settings;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Webhook test controls and the record of deliveries. */
    public Webhooks webhooks() {
        return webhooks;
    }

    /** Accepts playback tokens signed by the private half of this key, with this {@code kid}. */
    public void registerSigningKey(String keyId, RSAPublicKey key) {
        signingKeys.register(keyId, key);
    }

    /** Like {@code POST /system/v1/signing-keys}: a new key pair, the private half returned once. */
    public SigningKey createSigningKey() {
        return signingKeys.create();
    }

    /**
     * The next {@code count} authenticated calls to {@code /video/v1/**} and {@code /system/v1/**} answer
     * {@code status} (429 with {@code Retry-After: 1}, 5xx or another 4xx) in Mux's error envelope, and do nothing;
     * 0 clears it. For testing how callers survive a Mux outage.
     */
    public void failNextApiCalls(int status, int count) {
        api.failNext(status, count);
    }

    /**
     * The next {@code count} fetches of a URL (subtitle files of {@code POST .../tracks} and text inputs, input
     * videos of {@code POST /video/v1/assets}) fail as if the URL were unreachable: the track ends
     * {@code errored} with {@code video.asset.track.errored}, the asset {@code errored}. 0 clears it.
     */
    public void failNextDownloads(int count) {
        downloads.failNext(count);
    }

    /** The asset created from an upload, once the file is complete. */
    public Optional<String> assetIdOfUpload(String uploadId) {
        return store.upload(uploadId).map(Store.UploadState::assetId);
    }

    /** An asset's status ({@code preparing}, {@code ready}, {@code errored}), empty if unknown or deleted. */
    public Optional<String> assetStatus(String assetId) {
        return store.asset(assetId).map(Store.AssetState::status);
    }

    /** The state, for tests in this package that need to set up what HTTP cannot (e.g. an expired upload). */
    Store store() {
        return store;
    }

    private void dispatch(HttpExchange exchange) {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            try {
                if (path.startsWith("/video/v1/") || path.startsWith("/system/v1/")) {
                    api.handle(exchange, path);
                } else if (path.startsWith("/upload/")) {
                    uploads.handle(exchange, path);
                } else if (path.startsWith("/stream/")) {
                    playback.stream(exchange, path);
                } else if (path.startsWith("/image/")) {
                    playback.image(exchange, path);
                } else if (path.startsWith("/license/")) {
                    playback.license(exchange, path);
                } else if (path.startsWith("/appcert/")) {
                    // FairPlay certificates when the license base URL is the root: {base}/appcert/fairplay/{pid}
                    playback.license(exchange, "/license" + path);
                } else if (path.startsWith("/_emulator/")) {
                    controls.handle(exchange, path);
                } else {
                    throw MuxError.notFound();
                }
            } catch (MuxError error) {
                Http.error(exchange, error.status, error.type, error.getMessage());
            } catch (RuntimeException unexpected) {
                log.warn("Mux emulator failed on {} {}", exchange.getRequestMethod(), path, unexpected);
                Http.error(exchange, 500, "internal_server_error", "Internal server error");
            }
        } catch (IOException e) {
            log.debug("Mux emulator could not answer: {}", e.toString());
        }
    }

    /** Stops the server, processing and webhook delivery; a temporary data directory is removed. */
    @Override
    public void close() {
        server.stop(0);
        pipeline.close();
        downloads.close();
        webhooks.close();
        executor.shutdownNow();
        store.close();
        if (temporaryDirectory) {
            try (Stream<Path> files = Files.walk(dataDirectory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                log.debug("Could not remove {}: {}", dataDirectory, e.toString());
            }
        }
    }
}
