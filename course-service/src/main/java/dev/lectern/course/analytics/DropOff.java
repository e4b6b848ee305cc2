package dev.lectern.course.analytics;

import dev.lectern.contracts.progress.WatchedRange;
import java.util.List;

/**
 * The drop-off curve has one point per tenth of a lecture: point {@code i} is the middle of the i-th tenth,
 * {@code (i + 0.5) / 10} of the duration. A viewer counts at a point once their watched ranges cover it; a
 * viewer's points are a 10-bit mask that only grows, so applying the same ranges twice adds nothing.
 */
final class DropOff {

    static final int POINTS = 10;

    private DropOff() {
    }

    static int mask(List<WatchedRange> ranges, double durationSeconds) {
        int mask = 0;
        if (durationSeconds <= 0 || ranges == null) {
            return mask;
        }
        for (int i = 0; i < POINTS; i++) {
            double point = (i + 0.5) / POINTS * durationSeconds;
            for (WatchedRange range : ranges) {
                if (range.start() <= point && point <= range.end()) {
                    mask |= 1 << i;
                    break;
                }
            }
        }
        return mask;
    }
}
