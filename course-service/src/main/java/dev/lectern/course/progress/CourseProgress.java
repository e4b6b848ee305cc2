package dev.lectern.course.progress;

import dev.lectern.course.course.Course;
import dev.lectern.course.course.Lecture;
import dev.lectern.course.course.VideoState;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A student's progress through one course. The completion percentage counts completed lectures among the
 * course's ready lectures (the ones there is something to watch in). The lecture to resume is the one last
 * watched while it is unfinished; once it is complete, the next unfinished ready lecture after it (then from the
 * start); a student who watched nothing starts at the first ready lecture.
 */
public record CourseProgress(String courseId, double completionPercentage, int completedLectures, int readyLectures,
                             Resume resume, List<LectureProgressView> lectures) {

    /** Where to pick up: a lecture and the position in it, in seconds. */
    public record Resume(String lectureId, double positionSeconds) {
    }

    record LectureProgressView(String lectureId, String title, int position, Double durationSeconds,
                               double positionSeconds, List<double[]> watchedRanges, double watchedSeconds,
                               double coverage, boolean completed, Instant completedAt, Instant lastWatchedAt) {
    }

    static CourseProgress of(Course course, List<Progress> progress) {
        Map<String, Progress> byLecture = progress.stream()
                .collect(Collectors.toMap(Progress::lectureId, Function.identity(), (a, b) -> a));
        List<Lecture> lectures = course.getLectures();
        List<LectureProgressView> views = new java.util.ArrayList<>();
        for (int i = 0; i < lectures.size(); i++) {
            Lecture lecture = lectures.get(i);
            Progress p = byLecture.get(lecture.getId());
            views.add(p == null
                    ? new LectureProgressView(lecture.getId(), lecture.getTitle(), i + 1, lecture.getDurationSeconds(),
                    0, List.of(), 0, 0, false, null, null)
                    : new LectureProgressView(lecture.getId(), lecture.getTitle(), i + 1, lecture.getDurationSeconds(),
                    p.positionSeconds(), p.ranges().stream().map(r -> new double[] {r.start(), r.end()}).toList(),
                    p.watchedSeconds(), p.coverage(), p.completed(), p.completedAt(), p.lastWatchedAt()));
        }
        List<Lecture> ready = lectures.stream().filter(l -> l.getVideoState() == VideoState.READY).toList();
        int completed = (int) ready.stream().filter(l -> completed(byLecture.get(l.getId()))).count();
        double percentage = ready.isEmpty() ? 0 : Math.round(1000.0 * completed / ready.size()) / 10.0;
        return new CourseProgress(course.getId(), percentage, completed, ready.size(),
                resume(lectures, ready, byLecture), views);
    }

    private static Resume resume(List<Lecture> lectures, List<Lecture> ready, Map<String, Progress> byLecture) {
        Optional<Progress> last = byLecture.values().stream().filter(p -> p.lastWatchedAt() != null)
                .filter(p -> lectures.stream().anyMatch(l -> l.getId().equals(p.lectureId())))
                .max(Comparator.comparing(Progress::lastWatchedAt));
        if (last.isEmpty()) {
            return ready.isEmpty() ? null : new Resume(ready.getFirst().getId(), 0);
        }
        Progress latest = last.get();
        if (!latest.completed()) {
            return new Resume(latest.lectureId(), latest.positionSeconds());
        }
        int at = ready.stream().map(Lecture::getId).toList().indexOf(latest.lectureId());
        for (int step = 1; step <= ready.size(); step++) {
            Lecture candidate = ready.get(Math.floorMod(at + step, ready.size()));
            Progress p = byLecture.get(candidate.getId());
            if (!completed(p)) {
                return new Resume(candidate.getId(), p == null ? 0 : p.positionSeconds());
            }
        }
        return new Resume(latest.lectureId(), latest.positionSeconds());
    }

    private static boolean completed(Progress p) {
        return p != null && p.completed();
    }
}
