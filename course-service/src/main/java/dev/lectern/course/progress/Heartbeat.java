package dev.lectern.course.progress;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The player's heartbeat: where it is, and the stretches played since the last one ({@code [[start, end], ...]}). */
record Heartbeat(@NotNull Double positionSeconds, @NotNull @Size(max = Heartbeat.MAX_RANGES) List<List<Double>> watchedRanges) {

    static final int MAX_RANGES = 100;
}
