package dev.lectern.course.progress;

import dev.lectern.course.course.Course;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Students' progress through courses, for the endpoints that show it next to courses. */
@Component
public class ProgressQueries {

    private final ProgressStore store;

    ProgressQueries(ProgressStore store) {
        this.store = store;
    }

    public CourseProgress of(UUID studentId, Course course) {
        return CourseProgress.of(course, store.ofStudent(studentId.toString(), List.of(course.getId())));
    }

    /** Each course's progress for the student, by course id, in one query. */
    public Map<String, CourseProgress> of(UUID studentId, List<Course> courses) {
        Map<String, List<Progress>> byCourse = store.ofStudent(studentId.toString(),
                courses.stream().map(Course::getId).toList()).stream().collect(Collectors.groupingBy(Progress::courseId));
        return courses.stream().collect(Collectors.toMap(Course::getId,
                c -> CourseProgress.of(c, byCourse.getOrDefault(c.getId(), List.of()))));
    }
}
