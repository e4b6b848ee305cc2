package dev.lectern.course.analytics;

import dev.lectern.contracts.progress.LectureCompleted;
import dev.lectern.contracts.progress.LectureProgressed;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The analytics read model, fed from Kafka. Every event is applied by one conditional single-document update
 * that both records what the event changed for its key (a student on a lecture, an enrollment, a user) and
 * moves the counters by exactly that, so a redelivered event finds its change already recorded and moves
 * nothing, and no crash can land between a counter and its guard.
 * <ul>
 *   <li>{@code analytics_lectures}, one per lecture: viewers, completions, coverage and watched-second sums,
 *   drop-off counters {@code dropOff.p0..p9}, and per student {@code students.<id>} the last applied progress
 *   version, drop-off mask, coverage, watched seconds and completion;</li>
 *   <li>{@code analytics_courses}, one per course: enrollments started and ended per day, each enrollment's
 *   days under {@code enrollments.<id>}, and each student's last activity under {@code active.<id>};</li>
 *   <li>{@code analytics_users}, one per user: their role.</li>
 * </ul>
 */
@Component
class AnalyticsStore {

    static final String LECTURES = "analytics_lectures";
    static final String COURSES = "analytics_courses";
    static final String USERS = "analytics_users";
    private static final int MAX_ATTEMPTS = 30;

    private final MongoTemplate mongo;

    AnalyticsStore(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(LECTURES).createIndex(new Index().on("courseId", Sort.Direction.ASC).named("course"));
        mongo.indexOps(USERS).createIndex(new Index().on("role", Sort.Direction.ASC).named("role"));
    }

    void progressed(LectureProgressed e) {
        String lecture = e.lectureId().toString();
        String student = "students." + e.studentId();
        active(e.courseId().toString(), e.studentId().toString(), e.occurredAt());
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Document before = studentOn(lecture, e.studentId().toString(), e.courseId().toString());
            Long appliedVersion = before == null ? null : toLong(before.get("v"));
            if (appliedVersion != null && appliedVersion >= e.progressVersion()) {
                return; // already applied, or older than what was
            }
            int oldMask = before == null ? 0 : toInt(before.get("m"));
            double oldCoverage = before == null ? 0 : toDouble(before.get("c"));
            double oldWatched = before == null ? 0 : toDouble(before.get("w"));
            int mask = oldMask | DropOff.mask(e.newlyWatched(), e.durationSeconds());
            double coverage = Math.max(oldCoverage, e.coverage());
            double watched = Math.max(oldWatched, e.watchedSeconds());
            Update update = new Update().set(student + ".v", e.progressVersion()).set(student + ".m", mask)
                    .set(student + ".c", coverage).set(student + ".w", watched)
                    .inc("coverageSum", coverage - oldCoverage).inc("watchedSeconds", watched - oldWatched);
            if (appliedVersion == null) {
                update.inc("viewers", 1);
            }
            for (int i = 0; i < DropOff.POINTS; i++) {
                if ((mask & ~oldMask & (1 << i)) != 0) {
                    update.inc("dropOff.p" + i, 1);
                }
            }
            Criteria guard = appliedVersion == null ? Criteria.where(student + ".v").exists(false)
                    : Criteria.where(student + ".v").is(appliedVersion);
            if (mongo.updateFirst(Query.query(Criteria.where("_id").is(lecture).andOperator(guard)), update, LECTURES)
                    .getMatchedCount() == 1) {
                return;
            }
        }
        throw new IllegalStateException("could not apply progress of lecture " + lecture + ": too much contention");
    }

    void completed(LectureCompleted e) {
        String lecture = e.lectureId().toString();
        String student = "students." + e.studentId();
        ensureLecture(lecture, e.courseId().toString());
        active(e.courseId().toString(), e.studentId().toString(), e.occurredAt());
        mongo.updateFirst(Query.query(Criteria.where("_id").is(lecture).and(student + ".done").ne(true)),
                new Update().set(student + ".done", true).inc("completions", 1), LECTURES);
    }

    void enrollmentStarted(String courseId, String enrollmentId, Instant at) {
        enrollmentDay(courseId, enrollmentId, "started", at);
    }

    void enrollmentEnded(String courseId, String enrollmentId, Instant at) {
        enrollmentDay(courseId, enrollmentId, "ended", at);
    }

    void userRole(String userId, String role) {
        mongo.upsert(Query.query(Criteria.where("_id").is(userId)), new Update().set("role", role), USERS);
    }

    /** Counts the enrollment's start (or end) on its day once. */
    private void enrollmentDay(String courseId, String enrollmentId, String what, Instant at) {
        ensureCourse(courseId);
        String day = at.atZone(ZoneOffset.UTC).toLocalDate().toString();
        String field = "enrollments." + enrollmentId + "." + what;
        mongo.updateFirst(Query.query(Criteria.where("_id").is(courseId).and(field).exists(false)),
                new Update().set(field, day).inc("days." + day + "." + what, 1), COURSES);
    }

    private void active(String courseId, String studentId, Instant at) {
        mongo.upsert(Query.query(Criteria.where("_id").is(courseId)),
                new Update().max("active." + studentId, Date.from(at)), COURSES);
    }

    /** What was applied for the student on the lecture, or null; creates the lecture's document if it has none. */
    private Document studentOn(String lecture, String studentId, String courseId) {
        Query query = Query.query(Criteria.where("_id").is(lecture));
        query.fields().include("students." + studentId);
        Document doc = mongo.findOne(query, Document.class, LECTURES);
        if (doc == null) {
            ensureLecture(lecture, courseId);
            return null;
        }
        Document students = doc.get("students", Document.class);
        return students == null ? null : students.get(studentId, Document.class);
    }

    private void ensureLecture(String lectureId, String courseId) {
        mongo.upsert(Query.query(Criteria.where("_id").is(lectureId)), new Update().setOnInsert("courseId", courseId),
                LECTURES);
    }

    private void ensureCourse(String courseId) {
        mongo.upsert(Query.query(Criteria.where("_id").is(courseId)), new Update().setOnInsert("days", new Document()),
                COURSES);
    }

    /** The course's counters, without the per-student detail. */
    Document course(String courseId) {
        Document doc = mongo.findById(courseId, Document.class, COURSES);
        return doc == null ? new Document() : doc;
    }

    List<Document> lecturesOf(String courseId) {
        Query query = Query.query(Criteria.where("courseId").is(courseId));
        query.fields().exclude("students");
        return mongo.find(query, Document.class, LECTURES);
    }

    long users(String role) {
        return mongo.count(Query.query(Criteria.where("role").is(role)), USERS);
    }

    double watchedSeconds() {
        Query query = new Query();
        query.fields().include("watchedSeconds");
        return mongo.find(query, Document.class, LECTURES).stream().mapToDouble(d -> toDouble(d.get("watchedSeconds")))
                .sum();
    }

    static double toDouble(Object value) {
        return value == null ? 0 : ((Number) value).doubleValue();
    }

    static int toInt(Object value) {
        return value == null ? 0 : ((Number) value).intValue();
    }

    static Long toLong(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
