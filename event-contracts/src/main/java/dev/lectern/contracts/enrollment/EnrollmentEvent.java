package dev.lectern.contracts.enrollment;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.lectern.contracts.DomainEvent;
import dev.lectern.contracts.Topics;
import java.util.UUID;

/**
 * Students joining and leaving courses, published by auth-service on {@link Topics#ENROLLMENTS}, keyed by
 * course id so one course's enrollments stay in order.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event_type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = StudentEnrolled.class, name = StudentEnrolled.TYPE),
        @JsonSubTypes.Type(value = EnrollmentEnded.class, name = EnrollmentEnded.TYPE)
})
public sealed interface EnrollmentEvent extends DomainEvent permits StudentEnrolled, EnrollmentEnded {

    UUID enrollmentId();

    UUID userId();

    UUID courseId();

    @Override
    default String key() {
        return courseId().toString();
    }

    @Override
    default String topic() {
        return Topics.ENROLLMENTS;
    }
}
