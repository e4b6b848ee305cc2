package dev.lectern.course.analytics;

import dev.lectern.contracts.EventCodec;
import dev.lectern.contracts.Topics;
import dev.lectern.contracts.enrollment.EnrollmentEnded;
import dev.lectern.contracts.enrollment.EnrollmentEvent;
import dev.lectern.contracts.enrollment.StudentEnrolled;
import dev.lectern.contracts.progress.LectureCompleted;
import dev.lectern.contracts.progress.LectureProgressed;
import dev.lectern.contracts.progress.ProgressEvent;
import dev.lectern.contracts.user.UserDisabled;
import dev.lectern.contracts.user.UserEnabled;
import dev.lectern.contracts.user.UserEvent;
import dev.lectern.contracts.user.UserRegistered;
import dev.lectern.contracts.user.UserRoleChanged;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Feeds the analytics read model from the progress, enrollment and user topics. Each listener has its own
 * consumer group (its id), so analytics reads every enrollment event next to the enrollment read model.
 * Failing records go to {@code <topic>.dlt} after bounded retries (the application's error handler).
 */
@Component
class AnalyticsListeners {

    private final AnalyticsStore store;

    AnalyticsListeners(AnalyticsStore store) {
        this.store = store;
    }

    @KafkaListener(id = "course-service-analytics-progress", topics = Topics.PROGRESS)
    void onProgress(ConsumerRecord<String, byte[]> record) {
        EventCodec.decode(Topics.PROGRESS, record.value(), ProgressEvent.class).ifPresent(this::apply);
    }

    @KafkaListener(id = "course-service-analytics-enrollments", topics = Topics.ENROLLMENTS)
    void onEnrollment(ConsumerRecord<String, byte[]> record) {
        EventCodec.decode(Topics.ENROLLMENTS, record.value(), EnrollmentEvent.class).ifPresent(this::apply);
    }

    @KafkaListener(id = "course-service-analytics-users", topics = Topics.USERS)
    void onUser(ConsumerRecord<String, byte[]> record) {
        EventCodec.decode(Topics.USERS, record.value(), UserEvent.class).ifPresent(this::apply);
    }

    void apply(ProgressEvent event) {
        switch (event) {
            case LectureProgressed e -> store.progressed(e);
            case LectureCompleted e -> store.completed(e);
        }
    }

    void apply(EnrollmentEvent event) {
        switch (event) {
            case StudentEnrolled e -> store.enrollmentStarted(e.courseId().toString(), e.enrollmentId().toString(),
                    e.occurredAt());
            case EnrollmentEnded e -> store.enrollmentEnded(e.courseId().toString(), e.enrollmentId().toString(),
                    e.occurredAt());
        }
    }

    void apply(UserEvent event) {
        switch (event) {
            case UserRegistered e -> store.userRole(e.userId().toString(), e.role().wireName());
            case UserRoleChanged e -> store.userRole(e.userId().toString(), e.role().wireName());
            case UserDisabled e -> {
                // disabled users still count under their role
            }
            case UserEnabled e -> {
                // nothing changes for analytics
            }
        }
    }
}
