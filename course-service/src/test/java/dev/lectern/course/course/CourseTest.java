package dev.lectern.course.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.contracts.EventCodec;
import dev.lectern.contracts.EventContracts;
import dev.lectern.contracts.asset.PlaybackId;
import dev.lectern.course.outbox.PendingEvent;
import dev.lectern.servicekit.problem.ConflictException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CourseTest {

    private final Instant now = Instant.parse("2026-11-21T10:00:00Z");
    private final Course course = Course.create(UUID.randomUUID(),
            new CourseFields("Title", "Description", "cat", "sub", false, List.of("a"), false), now);

    @Test
    void creatingRecordsCourseCreated() {
        assertThat(course.getPendingEvents()).extracting(PendingEvent::eventType).containsExactly("course.created");
    }

    @Test
    void publishWithoutLecturesThrowsConflict() {
        assertThatThrownBy(() -> course.publish(now)).isInstanceOf(ConflictException.class);
        assertThat(course.isPublished()).isFalse();
    }

    @Test
    void updateThatChangesNothingRecordsNothing() {
        course.update(new CourseFields("Title", null, null, null, false, null, null), now);

        assertThat(course.getPendingEvents()).hasSize(1);
    }

    @Test
    void updateSetsOnlyTheFieldsSentAndRecordsOneEvent() {
        course.update(new CourseFields("New title", null, null, null, true, List.of("b", "c"), null), now);

        assertThat(course.getTitle()).isEqualTo("New title");
        assertThat(course.getDescription()).isEqualTo("Description");
        assertThat(course.isPremium()).isTrue();
        assertThat(course.getTags()).containsExactly("b", "c");
        assertThat(course.getPendingEvents()).extracting(PendingEvent::eventType)
                .containsExactly("course.created", "course.updated");
    }

    @Test
    void movingALectureShiftsTheOthers() {
        Lecture a = course.addLecture(new LectureFields("A", null, null, null, null), now);
        Lecture b = course.addLecture(new LectureFields("B", null, null, null, null), now);
        Lecture c = course.addLecture(new LectureFields("C", null, null, null, null), now);

        course.changeLecture(c.getId(), new LectureFields(null, null, null, null, null), 1, now);

        assertThat(course.getLectures()).extracting(Lecture::getTitle).containsExactly("C", "A", "B");
        assertThat(course.positionOf(a)).isEqualTo(2);
        assertThat(course.positionOf(b)).isEqualTo(3);
    }

    @Test
    void movingPastTheEndPutsTheLectureLast() {
        Lecture a = course.addLecture(new LectureFields("A", null, null, null, null), now);
        course.addLecture(new LectureFields("B", null, null, null, null), now);

        course.changeLecture(a.getId(), new LectureFields(null, null, null, null, null), 99, now);

        assertThat(course.getLectures()).extracting(Lecture::getTitle).containsExactly("B", "A");
    }

    @Test
    void readyLecturesMakeTheCourseTotalsAndAnnounceThemselvesOnce() {
        Lecture a = course.addLecture(new LectureFields("A", null, null, null, null), now);
        Lecture b = course.addLecture(new LectureFields("B", null, null, null, null), now);

        course.videoReported(a.getId(), VideoReport.of(VideoState.PROCESSING), now);
        course.videoReported(a.getId(), ready(120.5), now);
        course.videoReported(b.getId(), ready(60.0), now);
        boolean duplicate = course.videoReported(a.getId(), ready(120.5), now);
        boolean backwards = course.videoReported(b.getId(), VideoReport.of(VideoState.PROCESSING), now);

        assertThat(duplicate).isFalse();
        assertThat(backwards).isFalse();
        assertThat(course.getReadyLectureCount()).isEqualTo(2);
        assertThat(course.getTotalDurationSeconds()).isEqualTo(180.5);
        assertThat(course.getPendingEvents()).extracting(PendingEvent::eventType)
                .filteredOn("lecture.ready"::equals).hasSize(2);
        assertThat(course.getPendingEvents()).allSatisfy(e -> assertThat(EventContracts.violations(
                new EventCodec.Encoded(e.topic(), e.key(), e.eventId(), e.eventType(),
                        e.payload().getBytes(StandardCharsets.UTF_8)))).as(e.eventType()).isEmpty());
    }

    @Test
    void removingAReadyLectureTakesItOutOfTheTotals() {
        Lecture a = course.addLecture(new LectureFields("A", null, null, null, null), now);
        course.videoReported(a.getId(), ready(30.0), now);

        course.removeLecture(a.getId(), now);

        assertThat(course.getReadyLectureCount()).isZero();
        assertThat(course.getTotalDurationSeconds()).isZero();
    }

    @Test
    void lateEventFillsInTheAssetIdButNeverMovesTheStateBack() {
        Lecture a = course.addLecture(new LectureFields("A", null, null, null, null), now);
        course.videoReported(a.getId(), new VideoReport(VideoState.READY, null, null, null, 10.0, null, null), now);

        boolean changed = course.videoReported(a.getId(), new VideoReport(VideoState.PROCESSING, "upload-1", "asset-1",
                null, null, null, null), now);

        assertThat(changed).isTrue();
        assertThat(a.getVideoState()).isEqualTo(VideoState.READY);
        assertThat(a.getAssetId()).isEqualTo("asset-1");
        assertThat(a.getUploadId()).isEqualTo("upload-1");
    }

    @Test
    void failedUploadKeepsItsErrorAndCanBeRetried() {
        Lecture a = course.addLecture(new LectureFields("A", null, null, null, null), now);

        course.videoReported(a.getId(), new VideoReport(VideoState.FAILED, "u1", null, null, null, null, "not a video"), now);
        assertThat(a.getVideoError()).isEqualTo("not a video");

        course.videoReported(a.getId(), new VideoReport(VideoState.UPLOADING, "u2", null, null, null, null, null), now);
        assertThat(a.getVideoState()).isEqualTo(VideoState.UPLOADING);
        assertThat(a.getVideoError()).isNull();
    }

    private static VideoReport ready(double duration) {
        return new VideoReport(VideoState.READY, null, "asset", List.of(new PlaybackId("pb", "signed")), duration,
                "16:9", null);
    }

    @Test
    void newLectureAwaitsItsUpload() {
        Lecture lecture = course.addLecture(new LectureFields("A", null, null, null, true), now);

        assertThat(lecture.getVideoState()).isEqualTo(VideoState.AWAITING_UPLOAD);
        assertThat(lecture.isFreePreview()).isTrue();
        assertThat(course.getReadyLectureCount()).isZero();
    }
}
