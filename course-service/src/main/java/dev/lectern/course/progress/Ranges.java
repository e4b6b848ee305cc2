package dev.lectern.course.progress;

import dev.lectern.contracts.progress.WatchedRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Watched stretches of a video as sorted, disjoint ranges; touching or overlapping ranges merge. */
final class Ranges {

    private static final double EPSILON = 1e-6;

    private Ranges() {
    }

    /** The union of the ranges as sorted, disjoint ranges. */
    static List<WatchedRange> merge(List<WatchedRange> ranges) {
        List<WatchedRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingDouble(WatchedRange::start));
        List<WatchedRange> merged = new ArrayList<>();
        for (WatchedRange range : sorted) {
            if (!merged.isEmpty() && range.start() <= merged.getLast().end() + EPSILON) {
                WatchedRange last = merged.removeLast();
                merged.add(new WatchedRange(last.start(), Math.max(last.end(), range.end())));
            } else {
                merged.add(range);
            }
        }
        return merged;
    }

    /** What {@code merged} covers that {@code before} did not; both sorted and disjoint. */
    static List<WatchedRange> newlyCovered(List<WatchedRange> merged, List<WatchedRange> before) {
        List<WatchedRange> fresh = new ArrayList<>();
        for (WatchedRange range : merged) {
            double from = range.start();
            for (WatchedRange old : before) {
                if (old.end() <= from || old.start() >= range.end()) {
                    continue;
                }
                if (old.start() > from + EPSILON) {
                    fresh.add(new WatchedRange(from, old.start()));
                }
                from = Math.max(from, old.end());
            }
            if (range.end() > from + EPSILON) {
                fresh.add(new WatchedRange(from, range.end()));
            }
        }
        return fresh;
    }

    static double total(List<WatchedRange> ranges) {
        return ranges.stream().mapToDouble(WatchedRange::length).sum();
    }

    /** Rounds to milliseconds so float noise from players does not leave slivers. */
    static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
