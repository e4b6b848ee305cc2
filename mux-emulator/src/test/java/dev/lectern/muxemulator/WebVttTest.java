package dev.lectern.muxemulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebVttTest {

    @Test
    void webVttWithCuesNotesStylesIdentifiersAndSettingsIsValid() throws Exception {
        String vtt = """
                WEBVTT - Lecture 1

                STYLE
                ::cue { color: yellow }

                NOTE written by hand

                intro
                00:00.000 --> 00:02.500 align:start
                Hello

                01:00:02.500 --> 01:00:04.000
                <v Speaker>Still here</v>
                """;
        assertThat(WebVtt.validate(bytes(vtt))).isEqualTo(2);
    }

    @Test
    void byteOrderMarkCrLfAndACueRightUnderTheHeaderAreAccepted() throws Exception {
        assertThat(WebVtt.validate(bytes("\uFEFFWEBVTT\r\n00:00:01.000 --> 00:00:02.000\r\nHi\r\n"))).isEqualTo(1);
    }

    @Test
    void noSignatureThenInvalid() {
        assertInvalid("00:00.000 --> 00:01.000\nHi\n", "WEBVTT line");
        assertInvalid("WEBVTTX\n\n00:00.000 --> 00:01.000\nHi\n", "WEBVTT line");
        assertInvalid("1\n00:00:00,000 --> 00:00:01,000\nan SRT file\n", "WEBVTT line");
    }

    @Test
    void badTimingOrEndBeforeStartOrNoCueThenInvalid() {
        assertInvalid("WEBVTT\n\n00:00:00,000 --> 00:00:01,000\ncomma\n", "timing");
        assertInvalid("WEBVTT\n\njust text\nwithout timing\n", "timing");
        assertInvalid("WEBVTT\n\n00:00:61.000 --> 00:01:02.000\nseconds over 59\n", "timing");
        assertInvalid("WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nbackwards\n", "ends before it starts");
        assertInvalid("WEBVTT\n\nNOTE nothing else\n", "no cues");
    }

    @Test
    void notUtf8ThenInvalid() {
        byte[] latin1 = "WEBVTT\n\n00:00.000 --> 00:01.000\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> WebVtt.validate(latin1)).isInstanceOf(WebVtt.Invalid.class).hasMessageContaining("UTF-8");
    }

    @Test
    void generatedCaptionsAreValidDeterministicAndCoverTheWholeDuration() throws Exception {
        String vtt = WebVtt.generated(5.0, "English");
        assertThat(vtt).isEqualTo(WebVtt.generated(5.0, "English"));
        assertThat(WebVtt.validate(bytes(vtt))).isEqualTo(3);
        assertThat(vtt).contains("00:00:04.000 --> 00:00:05.000\nEnglish caption 3 at 0:04\n");
    }

    @Test
    void transcriptIsTheCueTextWithoutTimingsOrMarkup() {
        String vtt = "WEBVTT\n\nNOTE x\n\n1\n00:00.000 --> 00:01.000\n<v Ann>Hello</v>\nthere\n\n"
                + "00:01.000 --> 00:02.000\nworld\n";
        assertThat(WebVtt.transcript(vtt)).isEqualTo("Hello there\nworld\n");
    }

    private static void assertInvalid(String vtt, String reason) {
        assertThatThrownBy(() -> WebVtt.validate(bytes(vtt))).as(vtt).isInstanceOf(WebVtt.Invalid.class)
                .hasMessageContaining(reason);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
