package dev.lectern.muxemulator;

import java.util.List;
import java.util.Locale;

/**
 * HLS playlists (RFC 8216) as stream.mux.com serves them: a multivariant playlist whose
 * {@code #EXT-X-STREAM-INF} carries {@code BANDWIDTH}, {@code AVERAGE-BANDWIDTH}, {@code CODECS} (audio first),
 * {@code RESOLUTION} and {@code CLOSED-CAPTIONS=NONE} like Mux's, plus {@code SUBTITLES="subs"} and one
 * {@code #EXT-X-MEDIA:TYPE=SUBTITLES} per ready text track; media playlists of segments; and a subtitles playlist
 * whose one segment is the whole WebVTT file.
 */
final class Hls {

    /** The one variant: measured bit rates, RFC 6381 codecs (null when unknown), frame size (null without video). */
    record Variant(long bandwidth, long averageBandwidth, String codecs, Integer width, Integer height, String uri) {
    }

    /** A subtitles rendition: the track's name and language; closed captions are marked as SDH for players. */
    record Subtitles(String name, String language, boolean closedCaptions, boolean isDefault, String uri) {
    }

    /** One media segment: its duration and URI. */
    record Segment(double duration, String uri) {
    }

    static final String SUBTITLES_GROUP = "subs";
    static final String CONTENT_TYPE = "application/vnd.apple.mpegurl";
    /** Apple's characteristics of subtitles for the deaf and hard of hearing (HLS authoring spec). */
    private static final String SDH = "public.accessibility.transcribes-spoken-dialog,"
            + "public.accessibility.describes-music-and-sound";

    private Hls() {
    }

    static String multivariant(Variant variant, List<Subtitles> subtitles) {
        StringBuilder m3u8 = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:5\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        for (Subtitles track : subtitles) {
            m3u8.append("#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"").append(SUBTITLES_GROUP).append("\",NAME=")
                    .append(quoted(track.name())).append(",LANGUAGE=").append(quoted(track.language()))
                    .append(",DEFAULT=").append(track.isDefault() ? "YES" : "NO").append(",AUTOSELECT=YES,FORCED=NO");
            if (track.closedCaptions()) {
                m3u8.append(",CHARACTERISTICS=\"").append(SDH).append('"');
            }
            m3u8.append(",URI=").append(quoted(track.uri())).append('\n');
        }
        m3u8.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(variant.bandwidth())
                .append(",AVERAGE-BANDWIDTH=").append(variant.averageBandwidth());
        if (variant.codecs() != null) {
            m3u8.append(",CODECS=\"").append(variant.codecs()).append('"');
        }
        if (variant.width() != null && variant.height() != null) {
            m3u8.append(",RESOLUTION=").append(variant.width()).append('x').append(variant.height());
        }
        m3u8.append(",CLOSED-CAPTIONS=NONE");
        if (!subtitles.isEmpty()) {
            m3u8.append(",SUBTITLES=\"").append(SUBTITLES_GROUP).append('"');
        }
        return m3u8.append('\n').append(variant.uri()).append('\n').toString();
    }

    /** A VOD media playlist; {@code map} is the fMP4 init segment's URI (version 7), null for a plain file (3). */
    static String media(String map, List<Segment> segments) {
        double longest = segments.stream().mapToDouble(Segment::duration).max().orElse(0);
        StringBuilder m3u8 = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:").append(map == null ? 3 : 7)
                .append("\n#EXT-X-PLAYLIST-TYPE:VOD\n");
        if (map != null) {
            m3u8.append("#EXT-X-INDEPENDENT-SEGMENTS\n");
        }
        m3u8.append("#EXT-X-TARGETDURATION:").append(targetDuration(longest)).append('\n')
                .append("#EXT-X-MEDIA-SEQUENCE:0\n");
        if (map != null) {
            m3u8.append("#EXT-X-MAP:URI=").append(quoted(map)).append('\n');
        }
        for (Segment segment : segments) {
            m3u8.append("#EXTINF:").append(String.format(Locale.ROOT, "%.3f", segment.duration())).append(",\n")
                    .append(segment.uri()).append('\n');
        }
        return m3u8.append("#EXT-X-ENDLIST\n").toString();
    }

    /** The subtitles playlist of a text track: one segment, the whole WebVTT, as long as the asset. */
    static String subtitles(double duration, String vttUri) {
        return media(null, List.of(new Segment(duration, vttUri)));
    }

    /**
     * {@code #EXT-X-TARGETDURATION}: the longest segment rounded up, at least 1 (RFC 8216 §4.3.3.1 asks for no
     * less than the longest rounded to the nearest integer).
     */
    static long targetDuration(double longest) {
        return Math.max(1, (long) Math.ceil(longest - 1e-9));
    }

    /**
     * The peak segment bit rate (RFC 8216 §4.1): the highest bit rate of any run of consecutive segments lasting
     * between half and one and a half target durations; the highest single segment's when no run qualifies.
     */
    static long peakBandwidth(double[] durations, long[] sizes) {
        double longest = 0;
        for (double duration : durations) {
            longest = Math.max(longest, duration);
        }
        long target = targetDuration(longest);
        double peak = 0;
        double single = 0;
        for (int i = 0; i < durations.length; i++) {
            single = Math.max(single, rate(sizes[i], durations[i]));
            double seconds = 0;
            long bytes = 0;
            for (int j = i; j < durations.length && seconds + durations[j] <= 1.5 * target + 1e-9; j++) {
                seconds += durations[j];
                bytes += sizes[j];
                if (seconds >= 0.5 * target - 1e-9) {
                    peak = Math.max(peak, rate(bytes, seconds));
                }
            }
        }
        return (long) Math.ceil(peak > 0 ? peak : single);
    }

    /** All the bits over all the time (RFC 8216 §4.3.4.2 {@code AVERAGE-BANDWIDTH}). */
    static long averageBandwidth(double[] durations, long[] sizes) {
        double seconds = 0;
        long bytes = 0;
        for (int i = 0; i < durations.length; i++) {
            seconds += durations[i];
            bytes += sizes[i];
        }
        return (long) Math.ceil(rate(bytes, seconds));
    }

    private static double rate(long bytes, double seconds) {
        return seconds <= 0 ? 0 : bytes * 8 / seconds;
    }

    /** An HLS quoted-string: no double quotes, carriage returns or line feeds inside. */
    private static String quoted(String value) {
        return '"' + value.replace('"', '\'').replace('\r', ' ').replace('\n', ' ') + '"';
    }
}
