package dev.lectern.course.progress;

import dev.lectern.contracts.progress.WatchedRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * One student's progress on one lecture, stored as one document in {@code progress} (id
 * {@code <student>:<lecture>}) together with the events its changes wait to publish ({@code pendingEvents}).
 */
record Progress(String studentId, String courseId, String lectureId, double durationSeconds,
                List<WatchedRange> ranges, double watchedSeconds, double coverage, double positionSeconds,
                Instant lastWatchedAt, Instant completedAt, long version) {

    static final String COLLECTION = "progress";

    static String id(String studentId, String lectureId) {
        return studentId + ":" + lectureId;
    }

    static Progress none(String studentId, String courseId, String lectureId, double durationSeconds) {
        return new Progress(studentId, courseId, lectureId, durationSeconds, List.of(), 0, 0, 0, null, null, -1);
    }

    boolean isNew() {
        return version < 0;
    }

    boolean completed() {
        return completedAt != null;
    }

    static Progress from(Document doc) {
        List<WatchedRange> ranges = new ArrayList<>();
        for (Object range : doc.getList("ranges", Object.class, List.of())) {
            List<?> pair = (List<?>) range;
            ranges.add(new WatchedRange(((Number) pair.get(0)).doubleValue(), ((Number) pair.get(1)).doubleValue()));
        }
        return new Progress(doc.getString("studentId"), doc.getString("courseId"), doc.getString("lectureId"),
                number(doc, "durationSeconds"), ranges, number(doc, "watchedSeconds"), number(doc, "coverage"),
                number(doc, "positionSeconds"), instant(doc, "lastWatchedAt"), instant(doc, "completedAt"),
                ((Number) doc.get("version")).longValue());
    }

    static List<List<Double>> rangesForStore(List<WatchedRange> ranges) {
        return ranges.stream().map(r -> List.of(r.start(), r.end())).toList();
    }

    private static double number(Document doc, String field) {
        Object value = doc.get(field);
        return value == null ? 0 : ((Number) value).doubleValue();
    }

    private static Instant instant(Document doc, String field) {
        Date date = doc.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
