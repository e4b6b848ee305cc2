package dev.lectern.muxemulator;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WebVTT (W3C WebVTT, §4): what a subtitle file must be before the emulator takes it, the captions it "generates",
 * and the plain transcript of a track.
 */
final class WebVtt {

    /** The file is not WebVTT; the message says why. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private static final String TIMESTAMP = "(?:(\\d{2,}):)?([0-5]\\d):([0-5]\\d)\\.(\\d{3})";
    private static final Pattern TIMING = Pattern.compile(
            "^" + TIMESTAMP + "[ \\t]+-->[ \\t]+" + TIMESTAMP + "(?:[ \\t].*)?$");
    private static final double GENERATED_CUE_SECONDS = 2.0;

    private WebVtt() {
    }

    /**
     * Checks the file: UTF-8, the {@code WEBVTT} signature line, and at least one cue, each with a timing line
     * {@code start --> end} where the end is after the start; {@code NOTE}, {@code STYLE} and {@code REGION}
     * blocks are allowed.
     *
     * @return the number of cues
     */
    static int validate(byte[] bytes) throws Invalid {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Invalid("The text track is not UTF-8 text.");
        }
        List<List<String>> blocks = blocks(text);
        if (blocks.isEmpty() || !signature(blocks.getFirst().getFirst())) {
            throw new Invalid("The text track is not WebVTT: it must start with a WEBVTT line.");
        }
        int cues = 0;
        for (int b = 1; b < blocks.size(); b++) {
            List<String> block = blocks.get(b);
            String first = block.getFirst();
            if (keyword(first, "NOTE") || keyword(first, "STYLE") || keyword(first, "REGION")) {
                continue;
            }
            String timing = first.contains("-->") ? first : block.size() > 1 ? block.get(1) : "";
            Matcher m = TIMING.matcher(timing);
            if (!m.matches()) {
                throw new Invalid("The text track is not WebVTT: cue " + (cues + 1) + " has no valid timing line ("
                        + (timing.isEmpty() ? first : timing) + ").");
            }
            if (millis(m, 1) >= millis(m, 5)) {
                throw new Invalid("The text track is not WebVTT: cue " + (cues + 1) + " ends before it starts ("
                        + timing + ").");
            }
            cues++;
        }
        if (cues == 0) {
            throw new Invalid("The text track has no cues.");
        }
        return cues;
    }

    /**
     * The captions the emulator "transcribes" for an asset of this duration: a cue every two seconds that says
     * which caption it is and when, so a player visibly shows them at the right time. Deterministic.
     */
    static String generated(double duration, String name) {
        StringBuilder vtt = new StringBuilder("WEBVTT\n");
        int n = 1;
        for (double start = 0; start < duration - 1e-6; start += GENERATED_CUE_SECONDS, n++) {
            double end = Math.min(duration, start + GENERATED_CUE_SECONDS);
            vtt.append('\n').append(n).append('\n').append(timestamp(start)).append(" --> ").append(timestamp(end))
                    .append('\n').append(name).append(" caption ").append(n).append(" at ")
                    .append(clock(start)).append('\n');
        }
        return vtt.toString();
    }

    /** The text of the cues, one line each, without timings, identifiers, notes or markup. */
    static String transcript(String vtt) {
        List<String> lines = new ArrayList<>();
        List<List<String>> blocks = blocks(vtt);
        for (int b = 1; b < blocks.size(); b++) {
            List<String> block = blocks.get(b);
            int timing = block.getFirst().contains("-->") ? 0 : 1;
            if (block.size() <= timing || !block.get(timing).contains("-->")) {
                continue;
            }
            String text = String.join(" ", block.subList(timing + 1, block.size())).replaceAll("<[^>]*>", "").strip();
            if (!text.isEmpty()) {
                lines.add(text);
            }
        }
        return String.join("\n", lines) + (lines.isEmpty() ? "" : "\n");
    }

    /** Blocks of non-empty lines separated by blank lines; CRLF and CR count as line ends, a BOM is dropped. */
    private static List<List<String>> blocks(String text) {
        String normalized = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<List<String>> blocks = new ArrayList<>();
        List<String> block = new ArrayList<>();
        for (String line : normalized.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
            if (line.isBlank()) {
                if (!block.isEmpty()) {
                    blocks.add(block);
                    block = new ArrayList<>();
                }
            } else {
                block.add(line);
            }
        }
        if (!block.isEmpty()) {
            blocks.add(block);
        }
        if (!blocks.isEmpty()) {
            // a cue right under the header, without a blank line between, is still a cue
            List<String> header = blocks.getFirst();
            for (int i = 1; i < header.size(); i++) {
                if (header.get(i).contains("-->")) {
                    blocks.add(1, new ArrayList<>(header.subList(i, header.size())));
                    blocks.set(0, new ArrayList<>(header.subList(0, i)));
                    break;
                }
            }
        }
        return blocks;
    }

    private static boolean signature(String line) {
        return line.equals("WEBVTT") || line.startsWith("WEBVTT ") || line.startsWith("WEBVTT\t");
    }

    private static boolean keyword(String line, String keyword) {
        return line.equals(keyword) || line.startsWith(keyword + " ") || line.startsWith(keyword + "\t");
    }

    private static long millis(Matcher m, int group) {
        long hours = m.group(group) == null ? 0 : Long.parseLong(m.group(group));
        return ((hours * 60 + Long.parseLong(m.group(group + 1))) * 60 + Long.parseLong(m.group(group + 2))) * 1000
                + Long.parseLong(m.group(group + 3));
    }

    static String timestamp(double seconds) {
        long millis = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", millis / 3_600_000, millis / 60_000 % 60,
                millis / 1000 % 60, millis % 1000);
    }

    private static String clock(double seconds) {
        long whole = Math.round(Math.floor(seconds));
        return String.format(Locale.ROOT, "%d:%02d", whole / 60, whole % 60);
    }
}
