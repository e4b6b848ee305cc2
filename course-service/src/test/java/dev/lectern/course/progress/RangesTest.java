package dev.lectern.course.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.contracts.progress.WatchedRange;
import java.util.List;
import org.junit.jupiter.api.Test;

class RangesTest {

    @Test
    void overlappingAndTouchingRangesMergeInAnyOrder() {
        assertThat(Ranges.merge(List.of(r(20, 30), r(0, 10), r(5, 12), r(12, 15), r(40, 41))))
                .containsExactly(r(0, 15), r(20, 30), r(40, 41));
    }

    @Test
    void rangeInsideAnotherAddsNothing() {
        List<WatchedRange> before = List.of(r(0, 30));
        List<WatchedRange> merged = Ranges.merge(List.of(r(0, 30), r(5, 10)));

        assertThat(merged).isEqualTo(before);
        assertThat(Ranges.newlyCovered(merged, before)).isEmpty();
    }

    @Test
    void newlyCoveredIsOnlyWhatTheGapsGained() {
        List<WatchedRange> before = List.of(r(0, 10), r(20, 30), r(50, 60));
        List<WatchedRange> merged = Ranges.merge(List.of(r(0, 10), r(20, 30), r(50, 60), r(5, 55), r(70, 80)));

        assertThat(merged).containsExactly(r(0, 60), r(70, 80));
        assertThat(Ranges.newlyCovered(merged, before)).containsExactly(r(10, 20), r(30, 50), r(70, 80));
        assertThat(Ranges.total(merged)).isEqualTo(70);
    }

    private static WatchedRange r(double start, double end) {
        return new WatchedRange(start, end);
    }
}
