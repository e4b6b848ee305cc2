package dev.lectern.course.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.contracts.progress.WatchedRange;
import java.util.List;
import org.junit.jupiter.api.Test;

class DropOffTest {

    @Test
    void aPointCountsWhenARangeCoversTheMiddleOfItsTenth() {
        // duration 100: middles at 5, 15, ..., 95
        int mask = DropOff.mask(List.of(new WatchedRange(0, 15), new WatchedRange(90, 96)), 100);

        assertThat(Integer.toBinaryString(mask)).isEqualTo("1000000011");
    }

    @Test
    void rangesMissingEveryMiddleCountNowhere() {
        assertThat(DropOff.mask(List.of(new WatchedRange(6, 14), new WatchedRange(96, 100)), 100)).isZero();
        assertThat(DropOff.mask(List.of(new WatchedRange(0, 10)), 0)).isZero();
    }
}
