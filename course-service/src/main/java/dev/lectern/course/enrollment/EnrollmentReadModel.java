package dev.lectern.course.enrollment;

import com.mongodb.client.result.UpdateResult;
import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Who is enrolled in what, as course-service learns it from auth-service's enrollment events. One document
 * per enrollment: a start creates it only if it is new and an end marks it ended, so redelivered or
 * replayed events leave the same state.
 */
@Component
public class EnrollmentReadModel {

    static final String COLLECTION = "enrollments";

    private final MongoTemplate mongo;

    EnrollmentReadModel(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("userId", Sort.Direction.ASC)
                .on("active", Sort.Direction.ASC).on("enrolledAt", Sort.Direction.DESC).named("user_active"));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("userId", Sort.Direction.ASC)
                .on("courseId", Sort.Direction.ASC).named("user_course"));
    }

    /** Records a start; a start that arrives after its end changes nothing. Returns whether it was new. */
    boolean started(String enrollmentId, String userId, String courseId, Instant at) {
        UpdateResult result = mongo.upsert(Query.query(Criteria.where("_id").is(enrollmentId)),
                new Update().setOnInsert("userId", userId).setOnInsert("courseId", courseId)
                        .setOnInsert("enrolledAt", at).setOnInsert("active", true),
                COLLECTION);
        return result.getUpsertedId() != null;
    }

    void ended(String enrollmentId, String userId, String courseId, Instant at) {
        mongo.upsert(Query.query(Criteria.where("_id").is(enrollmentId)),
                new Update().set("active", false).set("endedAt", at).setOnInsert("userId", userId)
                        .setOnInsert("courseId", courseId).setOnInsert("enrolledAt", at),
                COLLECTION);
    }

    public boolean isEnrolled(java.util.UUID userId, String courseId) {
        return mongo.exists(Query.query(Criteria.where("userId").is(userId.toString()).and("courseId").is(courseId)
                .and("active").is(true)), COLLECTION);
    }

    /** The caller's active enrollments, newest first. */
    public List<Enrollment> activeOf(java.util.UUID userId, int page, int size) {
        Query query = activeQuery(userId).with(Sort.by(Sort.Direction.DESC, "enrolledAt").and(Sort.by("_id")))
                .skip((long) (page - 1) * size).limit(size);
        return mongo.find(query, Enrollment.class, COLLECTION);
    }

    public long countActiveOf(java.util.UUID userId) {
        return mongo.count(activeQuery(userId), COLLECTION);
    }

    /** Active enrollments of the whole platform. */
    public long countActive() {
        return mongo.count(Query.query(Criteria.where("active").is(true)), COLLECTION);
    }

    /** Students enrolled in the course now. */
    public long countActiveIn(String courseId) {
        return mongo.count(Query.query(Criteria.where("courseId").is(courseId).and("active").is(true)), COLLECTION);
    }

    private static Query activeQuery(java.util.UUID userId) {
        return Query.query(Criteria.where("userId").is(userId.toString()).and("active").is(true));
    }

    public record Enrollment(String id, String userId, String courseId, Instant enrolledAt) {
    }
}
