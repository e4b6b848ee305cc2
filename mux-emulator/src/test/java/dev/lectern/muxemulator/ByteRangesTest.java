package dev.lectern.muxemulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.muxemulator.ByteRanges.Selection;
import org.junit.jupiter.api.Test;

class ByteRangesTest {

    private static final long SIZE = 1000;

    @Test
    void noRangeThenEverything() {
        assertThat(ByteRanges.select(null, SIZE)).isEqualTo(new Selection(200, 0, 999));
    }

    @Test
    void oneRangeThenPartialWithItsBoundsInclusive() {
        assertThat(ByteRanges.select("bytes=0-0", SIZE)).isEqualTo(new Selection(206, 0, 0));
        assertThat(ByteRanges.select("bytes=10-19", SIZE)).isEqualTo(new Selection(206, 10, 19));
        assertThat(ByteRanges.select("bytes=10-19", SIZE).length()).isEqualTo(10);
        assertThat(ByteRanges.select("bytes=990-", SIZE)).isEqualTo(new Selection(206, 990, 999));
        assertThat(ByteRanges.select(" bytes=999-999 ", SIZE)).isEqualTo(new Selection(206, 999, 999));
    }

    @Test
    void rangePastTheEndIsCutAtTheLastByte() {
        assertThat(ByteRanges.select("bytes=500-5000", SIZE)).isEqualTo(new Selection(206, 500, 999));
    }

    @Test
    void suffixRangeThenTheLastBytesAndAllWhenLongerThanTheFile() {
        assertThat(ByteRanges.select("bytes=-10", SIZE)).isEqualTo(new Selection(206, 990, 999));
        assertThat(ByteRanges.select("bytes=-5000", SIZE)).isEqualTo(new Selection(206, 0, 999));
    }

    @Test
    void rangeStartingAtOrPastTheEndOrEmptySuffixThen416() {
        assertThat(ByteRanges.select("bytes=1000-", SIZE).status()).isEqualTo(416);
        assertThat(ByteRanges.select("bytes=1000-1001", SIZE).status()).isEqualTo(416);
        assertThat(ByteRanges.select("bytes=-0", SIZE).status()).isEqualTo(416);
        assertThat(ByteRanges.select("bytes=0-", 0).status()).isEqualTo(416);
        assertThat(ByteRanges.select("bytes=0-", 0).length()).isZero();
    }

    @Test
    void malformedOtherUnitSeveralRangesOrLastBeforeFirstThenIgnoredAndEverythingSent() {
        for (String ignored : new String[] {"bytes=", "bytes=-", "bytes=a-b", "items=0-10", "bytes=0-1,5-6",
                "bytes=20-10", "bytes=99999999999999999999-"}) {
            assertThat(ByteRanges.select(ignored, SIZE)).as(ignored).isEqualTo(new Selection(200, 0, 999));
        }
    }
}
