package dev.lectern.muxemulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Plain HTTP calls against a running emulator, the way media-service and a browser make them. */
final class MuxHttp {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A response with its body as text. */
    record Answer(int status, String body, HttpResponse<String> response) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        JsonNode data() {
            return json().path("data");
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final MuxEmulator mux;
    private final String authorization;

    MuxHttp(MuxEmulator mux) {
        this.mux = mux;
        this.authorization = basic(mux.settings().tokenId(), mux.settings().tokenSecret());
    }

    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    Answer api(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(mux.baseUrl() + path))
                .header("Authorization", authorization)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request.build());
    }

    /** POST /video/v1/uploads with a signed policy and this passthrough; returns the upload object. */
    JsonNode createUpload(String passthrough) {
        Answer answer = api("POST", "/video/v1/uploads", """
                {"cors_origin":"https://app.example.com","new_asset_settings":{"playback_policies":["signed"],
                 "passthrough":"%s","video_quality":"basic"}}""".formatted(passthrough));
        if (answer.status() != 201) {
            throw new AssertionError("create upload: " + answer.status() + " " + answer.body());
        }
        return answer.data();
    }

    Answer put(String url, byte[] body, String contentRange) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentRange != null) {
            request.header("Content-Range", contentRange);
        }
        return send(request.build());
    }

    /** A GET for bytes, with a {@code Range} header unless null. */
    HttpResponse<byte[]> bytes(URI uri, String range) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (range != null) {
            request.header("Range", range);
        }
        return send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    Answer get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
