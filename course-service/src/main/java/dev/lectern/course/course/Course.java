package dev.lectern.course.course;

import dev.lectern.contracts.course.CourseCreated;
import dev.lectern.contracts.course.CourseDeleted;
import dev.lectern.contracts.course.CourseDetails;
import dev.lectern.contracts.course.CourseEvent;
import dev.lectern.contracts.course.CoursePublished;
import dev.lectern.contracts.course.CourseUnpublished;
import dev.lectern.contracts.course.CourseUpdated;
import dev.lectern.contracts.course.LectureAdded;
import dev.lectern.contracts.course.LectureChanged;
import dev.lectern.contracts.course.LectureDetails;
import dev.lectern.contracts.course.LectureReady;
import dev.lectern.contracts.course.LectureRemoved;
import dev.lectern.course.outbox.PendingEvent;
import dev.lectern.servicekit.problem.ConflictException;
import dev.lectern.servicekit.problem.NotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiFunction;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A course with its lectures, in one MongoDB document. Every change is a single-document write that also
 * stores the events it causes ({@link #pendingEvents}), so no change is published without being saved or
 * saved without being published, and no multi-document transaction is needed.
 */
@Document(Course.COLLECTION)
public class Course {

    public static final String COLLECTION = "courses";

    @Id
    private String id;
    @Version
    private Long version;
    private String instructorId;
    private String title;
    private String description;
    private String category;
    private String subcategory;
    private boolean premium;
    private boolean drm;
    private List<String> tags = new ArrayList<>();
    private CourseStatus status;
    private List<Lecture> lectures = new ArrayList<>();
    private int readyLectureCount;
    private double totalDurationSeconds;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant publishedAt;
    private boolean deleted;
    private List<PendingEvent> pendingEvents = new ArrayList<>();
    private boolean outboxPending;
    private Instant outboxLeaseUntil;

    Course() {
    }

    static Course create(UUID instructorId, CourseFields fields, Instant now) {
        Course course = new Course();
        course.id = UUID.randomUUID().toString();
        course.instructorId = instructorId.toString();
        course.title = fields.title();
        course.description = fields.description();
        course.category = fields.category();
        course.subcategory = fields.subcategory();
        course.premium = Boolean.TRUE.equals(fields.premium());
        course.drm = Boolean.TRUE.equals(fields.drm());
        course.tags = fields.tags() == null ? new ArrayList<>() : new ArrayList<>(fields.tags());
        course.status = CourseStatus.DRAFT;
        course.createdAt = now;
        course.updatedAt = now;
        course.record(now, (eventId, v) -> new CourseCreated(eventId, now, course.uuid(), v, course.details()));
        return course;
    }

    void update(CourseFields fields, Instant now) {
        boolean changed = Changes.apply(fields.title(), title, v -> title = v);
        changed |= Changes.apply(fields.description(), description, v -> description = v);
        changed |= Changes.apply(fields.category(), category, v -> category = v);
        changed |= Changes.apply(fields.subcategory(), subcategory, v -> subcategory = v);
        changed |= Changes.apply(fields.premium(), premium, v -> premium = v);
        changed |= Changes.apply(fields.drm(), drm, v -> drm = v);
        changed |= Changes.apply(fields.tags(), tags, v -> tags = new ArrayList<>(v));
        if (changed) {
            updatedAt = now;
            record(now, (eventId, v) -> new CourseUpdated(eventId, now, uuid(), v, details()));
        }
    }

    void publish(Instant now) {
        if (status == CourseStatus.PUBLISHED) {
            return;
        }
        if (lectures.isEmpty()) {
            throw new ConflictException("A course needs at least one lecture before it can be published.");
        }
        status = CourseStatus.PUBLISHED;
        publishedAt = now;
        updatedAt = now;
        record(now, (eventId, v) -> new CoursePublished(eventId, now, uuid(), v, details()));
    }

    void unpublish(Instant now) {
        if (status == CourseStatus.DRAFT) {
            return;
        }
        status = CourseStatus.DRAFT;
        updatedAt = now;
        record(now, (eventId, v) -> new CourseUnpublished(eventId, now, uuid(), v, details()));
    }

    /** Marks the course deleted; the document goes once its events are published. */
    void delete(Instant now) {
        deleted = true;
        updatedAt = now;
        List<UUID> lectureIds = lectures.stream().map(l -> UUID.fromString(l.getId())).toList();
        record(now, (eventId, v) -> new CourseDeleted(eventId, now, uuid(), v, UUID.fromString(instructorId), lectureIds));
    }

    Lecture addLecture(LectureFields fields, Instant now) {
        Lecture lecture = new Lecture(UUID.randomUUID().toString(), fields, now);
        lectures.add(lecture);
        updatedAt = now;
        recordLecture(lecture, now, LectureAdded::new);
        return lecture;
    }

    Lecture changeLecture(String lectureId, LectureFields fields, Integer position, Instant now) {
        Lecture lecture = lecture(lectureId);
        boolean changed = lecture.apply(fields, now);
        if (position != null && position != positionOf(lecture)) {
            lectures.remove(lecture);
            lectures.add(Math.min(position, lectures.size() + 1) - 1, lecture);
            changed = true;
        }
        if (changed) {
            updatedAt = now;
            recordLecture(lecture, now, LectureChanged::new);
        }
        return lecture;
    }

    /**
     * Applies what the media pipeline reports about a lecture's video; duplicates and stale reports change
     * nothing. Becoming ready updates the course's totals and records {@code lecture.ready}. Returns whether
     * the document changed.
     */
    boolean videoReported(String lectureId, VideoReport report, Instant now) {
        Lecture lecture = lecture(lectureId);
        Lecture.Applied applied = lecture.apply(report, now);
        if (applied == Lecture.Applied.UNCHANGED) {
            return false;
        }
        updatedAt = now;
        if (applied == Lecture.Applied.STATE_CHANGED) {
            recomputeTotals();
            recordLecture(lecture, now, report.state() == VideoState.READY ? LectureReady::new : LectureChanged::new);
        }
        return true;
    }

    boolean hasLecture(String lectureId) {
        return lectures.stream().anyMatch(l -> l.getId().equals(lectureId));
    }

    void removeLecture(String lectureId, Instant now) {
        Lecture lecture = lecture(lectureId);
        lectures.remove(lecture);
        updatedAt = now;
        recomputeTotals();
        record(now, (eventId, v) -> new LectureRemoved(eventId, now, uuid(), v, UUID.fromString(lectureId),
                lecture.getAssetId()));
    }

    Lecture lecture(String lectureId) {
        return lectures.stream().filter(l -> l.getId().equals(lectureId)).findFirst()
                .orElseThrow(() -> new NotFoundException("No lecture " + lectureId + " in this course."));
    }

    int positionOf(Lecture lecture) {
        return lectures.indexOf(lecture) + 1;
    }

    boolean isOwnedBy(UUID userId) {
        return instructorId.equals(userId.toString());
    }

    boolean isPublished() {
        return status == CourseStatus.PUBLISHED;
    }

    private void recomputeTotals() {
        readyLectureCount = (int) lectures.stream().filter(Lecture::isReady).count();
        totalDurationSeconds = lectures.stream().filter(Lecture::isReady)
                .map(Lecture::getDurationSeconds).filter(Objects::nonNull).mapToDouble(Double::doubleValue).sum();
    }

    private interface LectureEventFactory {
        CourseEvent create(UUID eventId, Instant now, UUID courseId, long version, UUID lectureId, LectureDetails details);
    }

    private void recordLecture(Lecture lecture, Instant now, LectureEventFactory factory) {
        LectureDetails details = new LectureDetails(lecture.getTitle(), positionOf(lecture), lecture.isFreePreview(),
                lecture.getVideoState().wireName(), lecture.getDurationSeconds());
        record(now, (eventId, v) -> factory.create(eventId, now, uuid(), v, UUID.fromString(lecture.getId()), details));
    }

    /** Stores an event with the version this change will give the document. */
    private void record(Instant now, BiFunction<UUID, Long, CourseEvent> event) {
        long nextVersion = version == null ? 0 : version + 1;
        pendingEvents.add(PendingEvent.of(event.apply(UUID.randomUUID(), nextVersion)));
        outboxPending = true;
    }

    private CourseDetails details() {
        return new CourseDetails(UUID.fromString(instructorId), title, category, subcategory, premium, List.copyOf(tags),
                isPublished(), drm);
    }

    private UUID uuid() {
        return UUID.fromString(id);
    }

    public String getId() {
        return id;
    }

    public Long getVersion() {
        return version;
    }

    public String getInstructorId() {
        return instructorId;
    }

    public String getTitle() {
        return title;
    }

    public String getDescription() {
        return description;
    }

    public String getCategory() {
        return category;
    }

    public String getSubcategory() {
        return subcategory;
    }

    public boolean isPremium() {
        return premium;
    }

    public boolean isDrm() {
        return drm;
    }

    public List<String> getTags() {
        return List.copyOf(tags);
    }

    public CourseStatus getStatus() {
        return status;
    }

    public List<Lecture> getLectures() {
        return List.copyOf(lectures);
    }

    public int getReadyLectureCount() {
        return readyLectureCount;
    }

    public double getTotalDurationSeconds() {
        return totalDurationSeconds;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Instant getPublishedAt() {
        return publishedAt;
    }

    public boolean isDeleted() {
        return deleted;
    }

    List<PendingEvent> getPendingEvents() {
        return List.copyOf(pendingEvents);
    }
}
