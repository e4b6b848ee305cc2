package dev.lectern.course.course;

import dev.lectern.servicekit.problem.NotFoundException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * Courses in MongoDB. Every filter value goes into a query as a literal (ids are parsed UUIDs, text is
 * regex-quoted), so no request can smuggle an operator such as {@code $gt} or {@code $where} into a query.
 */
@Repository
class CourseRepository {

    private final MongoTemplate mongo;

    CourseRepository(MongoTemplate mongo) {
        this.mongo = mongo;
        var indexes = mongo.indexOps(Course.class);
        indexes.createIndex(new Index().on("status", Sort.Direction.ASC).on("deleted", Sort.Direction.ASC)
                .on("publishedAt", Sort.Direction.DESC).named("catalog_newest"));
        indexes.createIndex(new Index().on("status", Sort.Direction.ASC).on("category", Sort.Direction.ASC)
                .on("publishedAt", Sort.Direction.DESC).named("catalog_category"));
        indexes.createIndex(new Index().on("instructorId", Sort.Direction.ASC).on("deleted", Sort.Direction.ASC)
                .on("createdAt", Sort.Direction.DESC).named("instructor_courses"));
        indexes.createIndex(new Index().on("outboxPending", Sort.Direction.ASC).named("outbox_pending"));
        indexes.createIndex(new Index().on("lectures._id", Sort.Direction.ASC).named("lecture_id"));
    }

    Course save(Course course) {
        return mongo.save(course);
    }

    Optional<Course> find(String id) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("_id").is(id).and("deleted").is(false)),
                Course.class));
    }

    Course get(String id) {
        return find(id).orElseThrow(() -> new NotFoundException("No course " + id + "."));
    }

    Optional<Course> findByLecture(String lectureId) {
        return Optional.ofNullable(mongo.findOne(
                Query.query(Criteria.where("lectures.id").is(lectureId).and("deleted").is(false)), Course.class));
    }

    List<Course> findAll(Collection<String> ids) {
        return mongo.find(Query.query(Criteria.where("_id").in(ids).and("deleted").is(false)), Course.class);
    }

    Page<Course> catalog(CatalogQuery q) {
        Criteria criteria = Criteria.where("status").is(CourseStatus.PUBLISHED).and("deleted").is(false);
        if (q.category() != null) {
            criteria.and("category").is(q.category());
        }
        if (q.instructorId() != null) {
            criteria.and("instructorId").is(q.instructorId().toString());
        }
        if (q.text() != null) {
            Pattern pattern = Pattern.compile(Pattern.quote(q.text()), Pattern.CASE_INSENSITIVE);
            criteria.orOperator(Criteria.where("title").regex(pattern), Criteria.where("description").regex(pattern));
        }
        return page(new Query(criteria).with(q.sort().toSort()), q.page(), q.size());
    }

    Page<Course> ofInstructor(String instructorId, int page, int size) {
        Query query = Query.query(Criteria.where("instructorId").is(instructorId).and("deleted").is(false))
                .with(Sort.by(Sort.Direction.DESC, "createdAt"));
        return page(query, page, size);
    }

    private Page<Course> page(Query query, int page, int size) {
        long total = mongo.count(query, Course.class);
        query.fields().exclude("pendingEvents");
        List<Course> items = mongo.find(query.skip((long) (page - 1) * size).limit(size), Course.class);
        return new Page<>(items, page, size, total);
    }
}
