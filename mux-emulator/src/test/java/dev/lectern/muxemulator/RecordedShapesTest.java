package dev.lectern.muxemulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lectern.testkit.TestVideos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The emulator's objects have every field of the Mux responses media-service's client is tested with
 * ({@code media-service/src/test/resources/mux/}), so what decodes there decodes here too.
 */
class RecordedShapesTest {

    private static final Path RECORDED = Path.of("../media-service/src/test/resources/mux");

    private MuxEmulator mux;
    private MuxHttp http;

    @BeforeEach
    void start() {
        assumeTrue(Files.isDirectory(RECORDED), "media-service's recorded Mux responses are not next to this module");
        mux = MuxEmulator.start(MuxEmulatorSettings.builder().processingDelay(Duration.ofMillis(20)).build());
        http = new MuxHttp(mux);
    }

    @AfterEach
    void stop() {
        if (mux != null) {
            mux.close();
        }
    }

    @Test
    void uploadsAndAssetsHaveTheRecordedFields() throws Exception {
        JsonNode upload = http.createUpload(UUID.randomUUID().toString());
        assertThat(fields(upload)).containsAll(fields(recorded("upload-created.json")));

        http.put(upload.path("url").asString(), TestVideos.FIVE_SECONDS.bytes(), null);
        JsonNode done = http.api("GET", "/video/v1/uploads/" + upload.path("id").asString(), null).data();
        assertThat(fields(done)).containsAll(fields(recorded("upload-asset-created.json")));

        String assetId = done.path("asset_id").asString();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!mux.assetStatus(assetId).orElse("").equals("ready") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        JsonNode asset = http.api("GET", "/video/v1/assets/" + assetId, null).data();
        Set<String> expected = fields(recorded("asset-ready.json"));
        expected.remove("non_standard_input_reasons");
        assertThat(fields(asset)).containsAll(expected);
        assertThat(fields(asset.path("tracks").get(0))).containsAll(fields(recorded("asset-ready.json").path("tracks").get(0)));
        assertThat(fields(asset.path("tracks").get(1))).containsAll(fields(recorded("asset-ready.json").path("tracks").get(1)));
    }

    @Test
    void errorsHaveTheRecordedEnvelope() throws Exception {
        JsonNode notFound = http.api("GET", "/video/v1/assets/nope", null).json();
        assertThat(notFound).isEqualTo(MuxHttp.JSON.readTree(Files.readString(RECORDED.resolve("error-404.json"))));
        var unauthorized = http.get(mux.baseUrl() + "/video/v1/assets/nope").json();
        assertThat(unauthorized).isEqualTo(MuxHttp.JSON.readTree(Files.readString(RECORDED.resolve("error-401.json"))));
    }

    private static JsonNode recorded(String file) throws Exception {
        return MuxHttp.JSON.readTree(Files.readString(RECORDED.resolve(file))).path("data");
    }

    private static Set<String> fields(JsonNode node) {
        return new TreeSet<>(node.propertyNames());
    }
}
