package dev.lectern.muxemulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What Mux fetches from URLs it is given: subtitle files of text tracks and input videos. A GET that follows
 * redirects; anything but a 2xx, a network error or a file over the size limit fails. Failures can be scripted
 * ({@link #failNext}) to test how callers handle {@code video.asset.track.errored} with a URL that works.
 */
final class Downloads implements AutoCloseable {

    /** The URL gave no file; {@code type} is the Mux error type to report. */
    static final class Failed extends Exception {
        final String type;

        Failed(String type, String message) {
            super(message, null, false, false);
            this.type = type;
        }
    }

    private static final String USER_AGENT = "curl/7.43.0 (Mux)";

    private final HttpClient http;
    private final Duration timeout;
    private final AtomicInteger failures = new AtomicInteger();

    Downloads(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The next {@code count} downloads fail as if the URL could not be fetched; 0 clears it. */
    void failNext(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        failures.set(count);
    }

    /** The body at {@code url}, at most {@code maxBytes} long. */
    byte[] bytes(String url, int maxBytes) throws Failed {
        try (InputStream in = open(url)) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw new Failed("invalid_input", "The file at the URL is larger than " + maxBytes + " bytes.");
            }
            return body;
        } catch (IOException e) {
            throw new Failed("download_failed", "Failed to download the file: " + e.getMessage());
        }
    }

    /** Streams the body at {@code url} to {@code target} (replaced only once the whole body is in). */
    void toFile(String url, Path target) throws Failed {
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try (InputStream in = open(url); OutputStream out = Files.newOutputStream(partial)) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new Failed("download_failed", "Failed to download the file: " + e.getMessage());
        }
        try {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new Failed("download_failed", "Failed to store the downloaded file: " + e.getMessage());
        }
    }

    private InputStream open(String url) throws Failed, IOException {
        if (failures.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            throw new Failed("download_failed", "Failed to download the file: the URL could not be reached "
                    + "(failure scripted by the emulator).");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("User-Agent", USER_AGENT).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (IllegalArgumentException e) {
            throw new Failed("download_failed", "Failed to download the file: " + e.getMessage());
        }
        if (response.statusCode() / 100 != 2) {
            response.body().close();
            throw new Failed("download_failed", "Failed to download the file: the URL answered HTTP "
                    + response.statusCode() + ".");
        }
        return response.body();
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}
