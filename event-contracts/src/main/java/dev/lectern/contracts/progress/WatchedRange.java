package dev.lectern.contracts.progress;

/** A stretch of a lecture's video, in seconds from its start; {@code start < end}. */
public record WatchedRange(double start, double end) {

    public double length() {
        return end - start;
    }
}
