package dev.lectern.course.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.contracts.EventCodec;
import dev.lectern.contracts.EventContracts;
import dev.lectern.contracts.Topics;
import dev.lectern.contracts.enrollment.EnrollmentEvent;
import dev.lectern.course.ServiceUnderTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The consuming side of the enrollment topic's contract: its sample documents drive the read model. */
class EnrollmentContractTest extends ServiceUnderTest {

    @Autowired
    EnrollmentEventsListener listener;

    @Autowired
    EnrollmentReadModel enrollments;

    @Test
    void contractSamplesStartAndEndAnEnrollment() {
        EnrollmentEvent started = decode("enrollment.started");
        EnrollmentEvent ended = decode("enrollment.ended");
        UUID user = started.userId();
        String course = started.courseId().toString();

        listener.apply(started);
        assertThat(enrollments.isEnrolled(user, course)).isTrue();

        listener.apply(ended);
        assertThat(enrollments.isEnrolled(user, course)).isFalse();
    }

    private static EnrollmentEvent decode(String type) {
        return EventCodec.decode(Topics.ENROLLMENTS, EventContracts.sample(Topics.ENROLLMENTS, type), EnrollmentEvent.class)
                .orElseThrow();
    }
}
