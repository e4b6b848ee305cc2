package dev.lectern.course.course;

import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Read-only access to courses for the features built around them (progress, analytics). */
@Component
public class CourseLookup {

    private final CourseRepository courses;
    private final MongoTemplate mongo;

    CourseLookup(CourseRepository courses, MongoTemplate mongo) {
        this.courses = courses;
        this.mongo = mongo;
    }

    /** The course holding a lecture, unless it was deleted. */
    public Optional<Course> byLecture(String lectureId) {
        return courses.findByLecture(lectureId);
    }

    public Optional<Course> byId(String courseId) {
        return courses.find(courseId);
    }

    public List<Course> byIds(List<String> courseIds) {
        return courses.findAll(courseIds);
    }

    /** Whether the user owns the course or is an admin. */
    public static boolean mayManage(dev.lectern.servicekit.security.CurrentUser caller, Course course) {
        return caller.isAdmin() || course.isOwnedBy(caller.id());
    }

    /** Courses that exist, how many of them are published, and the seconds of video of their ready lectures. */
    public Totals totals() {
        Query query = Query.query(Criteria.where("deleted").is(false));
        query.fields().include("status").include("totalDurationSeconds");
        long count = 0;
        long published = 0;
        double seconds = 0;
        for (Document course : mongo.find(query, Document.class, Course.COLLECTION)) {
            count++;
            if (CourseStatus.PUBLISHED.name().equals(course.getString("status"))) {
                published++;
            }
            Number total = (Number) course.get("totalDurationSeconds");
            seconds += total == null ? 0 : total.doubleValue();
        }
        return new Totals(count, published, seconds);
    }

    public record Totals(long courses, long publishedCourses, double readyLectureSeconds) {
    }
}
