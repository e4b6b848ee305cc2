package dev.lectern.course.enrollment;

import dev.lectern.contracts.EventCodec;
import dev.lectern.contracts.Topics;
import dev.lectern.contracts.enrollment.EnrollmentEnded;
import dev.lectern.contracts.enrollment.EnrollmentEvent;
import dev.lectern.contracts.enrollment.StudentEnrolled;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Feeds {@link EnrollmentReadModel} from the enrollment topic. */
@Component
class EnrollmentEventsListener {

    private final EnrollmentReadModel enrollments;

    EnrollmentEventsListener(EnrollmentReadModel enrollments) {
        this.enrollments = enrollments;
    }

    @KafkaListener(id = "course-service-enrollments", topics = Topics.ENROLLMENTS)
    void on(ConsumerRecord<String, byte[]> record) {
        EventCodec.decode(Topics.ENROLLMENTS, record.value(), EnrollmentEvent.class).ifPresent(this::apply);
    }

    void apply(EnrollmentEvent event) {
        switch (event) {
            case StudentEnrolled e -> enrollments.started(e.enrollmentId().toString(), e.userId().toString(),
                    e.courseId().toString(), e.occurredAt());
            case EnrollmentEnded e -> enrollments.ended(e.enrollmentId().toString(), e.userId().toString(),
                    e.courseId().toString(), e.occurredAt());
        }
    }
}
