package dev.lectern.course.progress;

import dev.lectern.contracts.progress.LectureCompleted;
import dev.lectern.contracts.progress.LectureProgressed;
import dev.lectern.contracts.progress.WatchedRange;
import dev.lectern.course.outbox.PendingEvent;
import dev.lectern.servicekit.problem.ConflictException;
import dev.lectern.servicekit.problem.FieldViolation;
import dev.lectern.servicekit.problem.ProblemException;
import dev.lectern.servicekit.problem.Problems;
import dev.lectern.servicekit.security.CurrentUser;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Records heartbeats. Each one is merged into the student's watched ranges by an optimistic single-document write
 * (re-read and retried when another write got there first), so concurrent tabs lose nothing. A heartbeat that
 * adds nothing (same ranges, same position) writes nothing. Completion is recorded once, when coverage first
 * reaches the threshold.
 */
@Service
class ProgressService {

    /** Ranges may end this far past the known duration (players round), and are then cut to it. */
    static final double TOLERANCE_SECONDS = 1.0;
    private static final int MAX_ATTEMPTS = 30;
    /** Disjoint ranges one student may have on a lecture; a player skipping around stays far below. */
    static final int MAX_STORED_RANGES = 1000;

    private final LectureAccess lectures;
    private final ProgressStore store;
    private final Clock clock;
    private final double completionThreshold;

    ProgressService(LectureAccess lectures, ProgressStore store, Clock clock,
                    @Value("${lectern.progress.completion-threshold:0.9}") double completionThreshold) {
        if (!(completionThreshold > 0 && completionThreshold <= 1)) {
            throw new IllegalArgumentException("lectern.progress.completion-threshold must be in (0, 1]");
        }
        this.lectures = lectures;
        this.store = store;
        this.clock = clock;
        this.completionThreshold = completionThreshold;
    }

    Progress heartbeat(CurrentUser caller, String lectureId, Heartbeat heartbeat) {
        LectureAccess.PlayableLecture lecture = lectures.forProgress(caller, lectureId);
        double duration = lecture.durationSeconds();
        List<WatchedRange> incoming = validated(heartbeat, duration);
        double position = Ranges.round(Math.min(heartbeat.positionSeconds(), duration));
        String studentId = caller.id().toString();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Progress current = store.find(studentId, lectureId)
                    .orElseGet(() -> Progress.none(studentId, lecture.courseId(), lectureId, duration));
            List<WatchedRange> all = new ArrayList<>(current.ranges());
            all.addAll(incoming);
            List<WatchedRange> merged = Ranges.merge(all);
            if (merged.size() > MAX_STORED_RANGES) {
                throw new InvalidHeartbeat(List.of(new FieldViolation("watched_ranges",
                        "would leave more than " + MAX_STORED_RANGES + " separate watched ranges on this lecture")));
            }
            List<WatchedRange> fresh = Ranges.newlyCovered(merged, current.ranges());
            if (fresh.isEmpty() && position == current.positionSeconds() && !current.isNew()) {
                return current;
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // as MongoDB stores it
            double watched = Ranges.round(Ranges.total(merged));
            double coverage = Math.min(1.0, watched / duration);
            boolean completes = !current.completed() && coverage >= completionThreshold;
            long version = current.version() + 1;
            Progress next = new Progress(studentId, lecture.courseId(), lectureId, duration, merged, watched, coverage,
                    position, now, completes ? now : current.completedAt(), version);
            List<PendingEvent> events = new ArrayList<>();
            UUID student = caller.id();
            UUID course = UUID.fromString(lecture.courseId());
            UUID lectureUuid = UUID.fromString(lectureId);
            events.add(PendingEvent.of(new LectureProgressed(UUID.randomUUID(), now, student, course, lectureUuid,
                    version, duration, position, fresh, watched, coverage)));
            if (completes) {
                events.add(PendingEvent.of(new LectureCompleted(UUID.randomUUID(), now, student, course, lectureUuid,
                        version, coverage)));
            }
            if (store.write(next, current.version(), events)) {
                return next;
            }
        }
        throw new ConflictException("Too many simultaneous updates of this progress; send the heartbeat again.");
    }

    /** Ranges as {@code [start, end]} with {@code 0 <= start < end <= duration (+ tolerance)}, cut to the duration. */
    private static List<WatchedRange> validated(Heartbeat heartbeat, double duration) {
        List<FieldViolation> errors = new ArrayList<>();
        double position = heartbeat.positionSeconds();
        if (!Double.isFinite(position) || position < 0 || position > duration + TOLERANCE_SECONDS) {
            errors.add(new FieldViolation("position_seconds", "must be between 0 and the lecture's duration ("
                    + duration + " s)"));
        }
        List<WatchedRange> ranges = new ArrayList<>();
        List<List<Double>> raw = heartbeat.watchedRanges();
        for (int i = 0; i < raw.size(); i++) {
            List<Double> pair = raw.get(i);
            String field = "watched_ranges[" + i + "]";
            if (pair == null || pair.size() != 2 || pair.get(0) == null || pair.get(1) == null) {
                errors.add(new FieldViolation(field, "must be [start, end]"));
                continue;
            }
            double start = pair.get(0);
            double end = pair.get(1);
            if (!Double.isFinite(start) || !Double.isFinite(end) || start < 0 || end <= start
                    || end > duration + TOLERANCE_SECONDS) {
                errors.add(new FieldViolation(field, "must satisfy 0 <= start < end <= the lecture's duration ("
                        + duration + " s)"));
                continue;
            }
            double from = Ranges.round(start);
            double to = Ranges.round(Math.min(end, duration));
            if (to > from) {
                ranges.add(new WatchedRange(from, to));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidHeartbeat(errors);
        }
        return ranges;
    }

    /** A 400 validation problem listing each offending field. */
    static final class InvalidHeartbeat extends ProblemException {
        InvalidHeartbeat(List<FieldViolation> errors) {
            super(HttpStatus.BAD_REQUEST, "validation", "Validation failed", "The heartbeat has invalid values.");
            getBody().setProperty(Problems.ERRORS, errors);
        }
    }
}
