package dev.lectern.course.progress;

import dev.lectern.course.outbox.PendingEvent;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Progress documents. A change is one conditional single-document write: it applies only if the document still
 * has the version it was computed from (or, for a first heartbeat, does not exist yet), so two tabs writing at
 * once never overwrite each other's ranges; the loser re-reads and merges again. The events of a change are
 * written into the same document, for the outbox relay.
 */
@Repository
class ProgressStore {

    private final MongoTemplate mongo;

    ProgressStore(MongoTemplate mongo) {
        this.mongo = mongo;
        var indexes = mongo.indexOps(Progress.COLLECTION);
        indexes.createIndex(new Index().on("studentId", Sort.Direction.ASC).on("courseId", Sort.Direction.ASC)
                .named("student_course"));
        indexes.createIndex(new Index().on("outboxPending", Sort.Direction.ASC).named("outbox_pending"));
    }

    Optional<Progress> find(String studentId, String lectureId) {
        return Optional.ofNullable(mongo.findById(Progress.id(studentId, lectureId), Document.class, Progress.COLLECTION))
                .map(Progress::from);
    }

    List<Progress> ofStudent(String studentId, Collection<String> courseIds) {
        Query query = Query.query(Criteria.where("studentId").is(studentId).and("courseId").in(courseIds));
        query.fields().exclude("pendingEvents");
        return mongo.find(query, Document.class, Progress.COLLECTION).stream().map(Progress::from).toList();
    }

    /** Writes {@code next} if the stored document is still at {@code expectedVersion}; false when another write won. */
    boolean write(Progress next, long expectedVersion, List<PendingEvent> events) {
        String id = Progress.id(next.studentId(), next.lectureId());
        List<Document> pending = events.stream().map(ProgressStore::pendingDocument).toList();
        if (expectedVersion < 0) {
            Document doc = new Document("_id", id).append("studentId", next.studentId())
                    .append("courseId", next.courseId()).append("lectureId", next.lectureId())
                    .append("version", next.version()).append("firstWatchedAt", date(next.lastWatchedAt()));
            fields(next).forEach(doc::append);
            doc.append("pendingEvents", pending).append("outboxPending", !pending.isEmpty());
            try {
                mongo.insert(doc, Progress.COLLECTION);
                return true;
            } catch (DuplicateKeyException e) {
                return false;
            }
        }
        Update update = new Update().set("version", next.version());
        fields(next).forEach(update::set);
        if (!pending.isEmpty()) {
            update.push("pendingEvents").each(pending.toArray()).set("outboxPending", true);
        }
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("version").is(expectedVersion)), update,
                Progress.COLLECTION).getMatchedCount() == 1;
    }

    private static java.util.Map<String, Object> fields(Progress p) {
        var fields = new java.util.LinkedHashMap<String, Object>();
        fields.put("durationSeconds", p.durationSeconds());
        fields.put("ranges", Progress.rangesForStore(p.ranges()));
        fields.put("watchedSeconds", p.watchedSeconds());
        fields.put("coverage", p.coverage());
        fields.put("positionSeconds", p.positionSeconds());
        fields.put("lastWatchedAt", date(p.lastWatchedAt()));
        fields.put("completedAt", date(p.completedAt()));
        return fields;
    }

    private static Date date(java.time.Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Document pendingDocument(PendingEvent event) {
        return new Document("eventId", event.eventId()).append("topic", event.topic()).append("key", event.key())
                .append("eventType", event.eventType()).append("payload", event.payload())
                .append("occurredAt", Date.from(event.occurredAt())).append("traceparent", event.traceparent());
    }
}
