package dev.lectern.muxemulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HlsTest {

    @Test
    void peakBandwidthIsTheFastestRunOfSegmentsLastingHalfToOneAndAHalfTargetDurations() {
        // target duration 4: runs of 2..6 s count. Segment 1 alone (4 s, 400 kB) is 800 kbit/s, the fastest run;
        // the last segment alone would be 1.2 Mbit/s but is too short (1 s), and with segment 2 it is 560 kbit/s
        double[] durations = {4, 4, 4, 1};
        long[] sizes = {100_000, 400_000, 200_000, 150_000};
        assertThat(Hls.peakBandwidth(durations, sizes)).isEqualTo(800_000);
        assertThat(Hls.averageBandwidth(durations, sizes)).isEqualTo((long) Math.ceil(850_000 * 8 / 13.0));
    }

    @Test
    void oneShortSegmentThenItsOwnRate() {
        assertThat(Hls.peakBandwidth(new double[] {0.3}, new long[] {3_000})).isEqualTo(80_000);
        assertThat(Hls.averageBandwidth(new double[] {0.3}, new long[] {3_000})).isEqualTo(80_000);
    }

    @Test
    void multivariantLikeMuxWithSubtitlesGroupDefaultAndCaptionsCharacteristics() {
        String m3u8 = Hls.multivariant(new Hls.Variant(900_000, 700_000, "mp4a.40.2,avc1.64001f", 1280, 720,
                "pid/rendition.m3u8?token=t"), List.of(
                new Hls.Subtitles("English \"CC\"", "en", true, false, "pid/text/a.m3u8?token=t"),
                new Hls.Subtitles("Deutsch", "de", false, true, "pid/text/b.m3u8?token=t")));
        assertThat(m3u8).isEqualTo("""
                #EXTM3U
                #EXT-X-VERSION:5
                #EXT-X-INDEPENDENT-SEGMENTS
                #EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="English 'CC'",LANGUAGE="en",DEFAULT=NO,\
                AUTOSELECT=YES,FORCED=NO,CHARACTERISTICS="public.accessibility.transcribes-spoken-dialog,\
                public.accessibility.describes-music-and-sound",URI="pid/text/a.m3u8?token=t"
                #EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="Deutsch",LANGUAGE="de",DEFAULT=YES,\
                AUTOSELECT=YES,FORCED=NO,URI="pid/text/b.m3u8?token=t"
                #EXT-X-STREAM-INF:BANDWIDTH=900000,AVERAGE-BANDWIDTH=700000,CODECS="mp4a.40.2,avc1.64001f",\
                RESOLUTION=1280x720,CLOSED-CAPTIONS=NONE,SUBTITLES="subs"
                pid/rendition.m3u8?token=t
                """);
    }

    @Test
    void multivariantWithoutSubtitlesCodecsOrVideoLeavesThoseAttributesOut() {
        String m3u8 = Hls.multivariant(new Hls.Variant(64_000, 64_000, null, null, null, "pid/rendition.m3u8"),
                List.of());
        assertThat(m3u8).contains("#EXT-X-STREAM-INF:BANDWIDTH=64000,AVERAGE-BANDWIDTH=64000,CLOSED-CAPTIONS=NONE\n")
                .doesNotContain("CODECS").doesNotContain("RESOLUTION").doesNotContain("SUBTITLES");
    }

    @Test
    void subtitlesPlaylistIsOneWebVttSegmentAsLongAsTheAsset() {
        assertThat(Hls.subtitles(3.25, "a.vtt?token=t")).isEqualTo("""
                #EXTM3U
                #EXT-X-VERSION:3
                #EXT-X-PLAYLIST-TYPE:VOD
                #EXT-X-TARGETDURATION:4
                #EXT-X-MEDIA-SEQUENCE:0
                #EXTINF:3.250,
                a.vtt?token=t
                #EXT-X-ENDLIST
                """);
    }
}
