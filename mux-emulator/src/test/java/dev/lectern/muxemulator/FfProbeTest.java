package dev.lectern.muxemulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A file Mp4Probe cannot read (here the start of a WebM) becomes ready when an ffprobe is installed, with what
 * ffprobe reports; without one it stays an errored asset. The ffprobe is a script standing in for the real one
 * (none is installed on the build machines), answering in ffprobe's JSON.
 */
class FfProbeTest {

    private static final byte[] WEBM = HexFormat.of().parseHex("1a45dfa3a34286810142f7810142f2810442f381084282"
            + "847765626d4287810442858102");

    @TempDir
    Path dir;

    @Test
    void fileThatIsNotMp4BecomesReadyWithWhatFfprobeReports() throws Exception {
        Path ffprobe = script("""
                #!/bin/sh
                cat <<'JSON'
                {"streams":[{"codec_type":"video","width":640,"height":360,"avg_frame_rate":"30000/1001","duration":"12.5"},
                            {"codec_type":"audio","channels":2,"duration":"12.4"}],
                 "format":{"duration":"12.512"}}
                JSON
                """);

        JsonNode ready = uploadAndAwait(ffprobe.toString(), WEBM, "video.asset.ready");

        assertThat(ready.path("duration").asDouble()).isEqualTo(12.512);
        assertThat(ready.path("aspect_ratio").asString()).isEqualTo("16:9");
    }

    @Test
    void withoutFfprobeOrWhenItFailsTheAssetIsErrored() throws Exception {
        uploadAndAwait(dir.resolve("no-such-ffprobe").toString(), WEBM, "video.asset.errored");
        uploadAndAwait(script("#!/bin/sh\nexit 1\n").toString(), WEBM, "video.asset.errored");
        uploadAndAwait(script("#!/bin/sh\necho '{\"streams\":[{\"codec_type\":\"audio\"}],\"format\":{\"duration\":\"3\"}}'\n")
                .toString(), WEBM, "video.asset.errored");
    }

    private JsonNode uploadAndAwait(String ffprobe, byte[] file, String type) {
        WebhookReceiver receiver = new WebhookReceiver();
        try (receiver; MuxEmulator mux = MuxEmulator.start(MuxEmulatorSettings.builder().webhookUrl(receiver.url())
                .processingDelay(Duration.ZERO).ffprobeCommand(ffprobe).build())) {
            MuxHttp http = new MuxHttp(mux);
            String lecture = UUID.randomUUID().toString();
            JsonNode upload = http.createUpload(lecture);
            assertThat(http.put(upload.path("url").asString(), file, null).status()).isEqualTo(200);
            mux.webhooks().awaitDelivered(type, lecture, Duration.ofSeconds(10));
            return receiver.received(type).getFirst().json().path("data");
        }
    }

    private Path script(String body) throws Exception {
        Path script = Files.createTempFile(dir, "ffprobe", ".sh",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.writeString(script, body, StandardCharsets.UTF_8);
        return script;
    }
}
