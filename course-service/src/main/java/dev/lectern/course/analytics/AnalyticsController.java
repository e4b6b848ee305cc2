package dev.lectern.course.analytics;

import dev.lectern.contracts.user.Role;
import dev.lectern.course.course.Course;
import dev.lectern.course.course.CourseLookup;
import dev.lectern.course.course.Ids;
import dev.lectern.course.course.Lecture;
import dev.lectern.course.enrollment.EnrollmentReadModel;
import dev.lectern.servicekit.problem.ForbiddenException;
import dev.lectern.servicekit.problem.NotFoundException;
import dev.lectern.servicekit.security.CurrentUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bson.Document;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Course analytics for its instructor and admins, platform totals for admins; both read only the read model. */
@RestController
class AnalyticsController {

    private final AnalyticsStore store;
    private final CourseLookup courses;
    private final EnrollmentReadModel enrollments;
    private final Clock clock;

    AnalyticsController(AnalyticsStore store, CourseLookup courses, EnrollmentReadModel enrollments, Clock clock) {
        this.store = store;
        this.courses = courses;
        this.enrollments = enrollments;
        this.clock = clock;
    }

    @GetMapping("/api/v1/instructor/courses/{courseId}/analytics")
    CourseAnalytics course(CurrentUser caller, @PathVariable String courseId) {
        String id = Ids.require(courseId, "course_id");
        Course course = courses.byId(id).orElseThrow(() -> new NotFoundException("No course " + id + "."));
        if (!CourseLookup.mayManage(caller, course)) {
            throw new ForbiddenException("Only the course's instructor or an admin sees its analytics.");
        }
        Document counters = store.course(id);
        Instant now = clock.instant();
        Map<String, Object> active = counters.get("active", Document.class) == null ? Map.of()
                : counters.get("active", Document.class);
        Map<String, Long> activeLearners = new LinkedHashMap<>();
        activeLearners.put("last_7_days", activeSince(active, now.minus(Duration.ofDays(7))));
        activeLearners.put("last_30_days", activeSince(active, now.minus(Duration.ofDays(30))));

        List<DayCount> days = new ArrayList<>();
        Document byDay = counters.get("days", Document.class);
        if (byDay != null) {
            new TreeMap<>(byDay).forEach((day, value) -> {
                Document count = (Document) value;
                days.add(new DayCount(day, AnalyticsStore.toInt(count.get("started")),
                        AnalyticsStore.toInt(count.get("ended"))));
            });
        }

        Map<String, Document> byLecture = store.lecturesOf(id).stream()
                .collect(Collectors.toMap(d -> d.getString("_id"), Function.identity()));
        List<LectureAnalytics> lectures = new ArrayList<>();
        List<Lecture> courseLectures = course.getLectures();
        for (int i = 0; i < courseLectures.size(); i++) {
            Lecture lecture = courseLectures.get(i);
            lectures.add(LectureAnalytics.of(lecture, i + 1, byLecture.getOrDefault(lecture.getId(), new Document())));
        }
        return new CourseAnalytics(id, enrollments.countActiveIn(id), days, activeLearners, lectures, now);
    }

    @GetMapping("/api/v1/admin/analytics")
    PlatformAnalytics platform(CurrentUser caller) {
        if (!caller.isAdmin()) {
            throw new ForbiddenException("Only admins see platform analytics.");
        }
        Map<String, Long> byRole = new LinkedHashMap<>();
        long users = 0;
        for (Role role : Role.values()) {
            long count = store.users(role.wireName());
            byRole.put(role.wireName(), count);
            users += count;
        }
        CourseLookup.Totals totals = courses.totals();
        return new PlatformAnalytics(users, byRole, totals.courses(), totals.publishedCourses(),
                hours(totals.readyLectureSeconds()), enrollments.countActive(), hours(store.watchedSeconds()),
                clock.instant());
    }

    private static long activeSince(Map<String, Object> lastActive, Instant since) {
        return lastActive.values().stream().filter(v -> v instanceof Date d && !d.toInstant().isBefore(since)).count();
    }

    private static double hours(double seconds) {
        return Math.round(seconds / 3600 * 1000) / 1000.0;
    }

    record DayCount(String date, int started, int ended) {
    }

    record CourseAnalytics(String courseId, long enrolledStudents, List<DayCount> enrollmentsOverTime,
                           Map<String, Long> activeLearners, List<LectureAnalytics> lectures, Instant generatedAt) {
    }

    /**
     * One lecture: viewers (students with any progress on it), completions, {@code completion_rate} =
     * completions / viewers, {@code average_coverage} over viewers, and {@code drop_off}: for each tenth of the
     * video, the share of viewers who watched its middle.
     */
    record LectureAnalytics(String lectureId, String title, int position, Double durationSeconds, int viewers,
                            int completions, double completionRate, double averageCoverage, List<Double> dropOff) {

        static LectureAnalytics of(Lecture lecture, int position, Document counters) {
            int viewers = AnalyticsStore.toInt(counters.get("viewers"));
            int completions = AnalyticsStore.toInt(counters.get("completions"));
            Document points = counters.get("dropOff", Document.class);
            List<Double> dropOff = new ArrayList<>();
            for (int i = 0; i < DropOff.POINTS; i++) {
                int watching = points == null ? 0 : AnalyticsStore.toInt(points.get("p" + i));
                dropOff.add(share(watching, viewers));
            }
            return new LectureAnalytics(lecture.getId(), lecture.getTitle(), position, lecture.getDurationSeconds(),
                    viewers, completions, share(completions, viewers),
                    viewers == 0 ? 0 : round(AnalyticsStore.toDouble(counters.get("coverageSum")) / viewers), dropOff);
        }

        private static double share(int part, int whole) {
            return whole == 0 ? 0 : round((double) part / whole);
        }

        private static double round(double value) {
            return Math.round(value * 10_000) / 10_000.0;
        }
    }

    record PlatformAnalytics(long users, Map<String, Long> usersByRole, long courses, long publishedCourses,
                             double readyLectureHours, long enrollments, double watchHours, Instant generatedAt) {
    }
}
