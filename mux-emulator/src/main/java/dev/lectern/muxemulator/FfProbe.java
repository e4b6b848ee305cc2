package dev.lectern.muxemulator;

import dev.lectern.muxemulator.Store.Media;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a file with {@code ffprobe} when one is installed: the containers {@link Mp4Probe} does not parse
 * (WebM, Matroska, AVI, MPEG-TS...) then become ready too. Absent or failing, it says nothing.
 */
final class FfProbe {

    private static final Logger log = LoggerFactory.getLogger(FfProbe.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long TIMEOUT_SECONDS = 30;

    private final String command;

    FfProbe(String command) {
        this.command = command;
    }

    /** The file's video, or empty when ffprobe is missing, fails, or finds no video stream. */
    Optional<Media> probe(Path file) {
        if (command == null || command.isBlank()) {
            return Optional.empty();
        }
        Process process;
        try {
            process = new ProcessBuilder(List.of(command, "-v", "error", "-print_format", "json", "-show_format",
                    "-show_streams", file.toString())).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException notInstalled) {
            return Optional.empty();
        }
        try {
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return media(JSON.readTree(out));
        } catch (IOException | RuntimeException e) {
            log.warn("ffprobe could not read {}: {}", file.getFileName(), e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return Optional.empty();
        }
    }

    static Optional<Media> media(JsonNode probe) {
        JsonNode video = null;
        JsonNode audio = null;
        for (JsonNode stream : probe.path("streams")) {
            String type = stream.path("codec_type").asString("");
            if (type.equals("video") && video == null && !stream.path("disposition").path("attached_pic").asBoolean(false)) {
                video = stream;
            } else if (type.equals("audio") && audio == null) {
                audio = stream;
            }
        }
        double duration = number(probe.path("format").path("duration"));
        if (video == null || !(duration > 0)) {
            return Optional.empty();
        }
        Double videoDuration = positiveOrNull(number(video.path("duration")));
        return Optional.of(new Media(duration, intOrNull(video.path("width")), intOrNull(video.path("height")),
                frameRate(video.path("avg_frame_rate").asString("")), videoDuration,
                audio == null ? null : intOrNull(audio.path("channels")),
                audio == null ? null : positiveOrNull(number(audio.path("duration"))), null));
    }

    private static double number(JsonNode node) {
        try {
            return node.isNumber() ? node.asDouble() : Double.parseDouble(node.asString(""));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static Double positiveOrNull(double value) {
        return value > 0 ? value : null;
    }

    private static Integer intOrNull(JsonNode node) {
        return node.isNumber() && node.asInt() > 0 ? node.asInt() : null;
    }

    /** {@code "30000/1001"} → 29.97; null when unknown. */
    private static Double frameRate(String ratio) {
        String[] parts = ratio.split("/");
        try {
            double rate = parts.length == 2 ? Double.parseDouble(parts[0]) / Double.parseDouble(parts[1])
                    : Double.parseDouble(ratio);
            return rate > 0 && Double.isFinite(rate) ? rate : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
