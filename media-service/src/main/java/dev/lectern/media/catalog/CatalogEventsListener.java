package dev.lectern.media.catalog;

import dev.lectern.contracts.EventCodec;
import dev.lectern.contracts.Topics;
import dev.lectern.contracts.course.CourseEvent;
import dev.lectern.contracts.enrollment.EnrollmentEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Feeds {@link MediaCatalog} from the course and enrollment topics. Unknown event types are skipped; a record
 * that is not an event goes to {@code <topic>.dlt}.
 */
@Component
class CatalogEventsListener {

    private static final Logger log = LoggerFactory.getLogger(CatalogEventsListener.class);

    private final MediaCatalog catalog;

    CatalogEventsListener(MediaCatalog catalog) {
        this.catalog = catalog;
    }

    @KafkaListener(id = "media-service-courses", idIsGroup = false, topics = Topics.COURSES)
    void onCourse(ConsumerRecord<String, byte[]> record) {
        EventCodec.decode(Topics.COURSES, record.value(), CourseEvent.class).ifPresent(event ->
                log.debug("Course event {} {} {}", event.eventId(), event.courseId(),
                        catalog.apply(event) ? "applied" : "ignored"));
    }

    @KafkaListener(id = "media-service-enrollments", idIsGroup = false, topics = Topics.ENROLLMENTS)
    void onEnrollment(ConsumerRecord<String, byte[]> record) {
        EventCodec.decode(Topics.ENROLLMENTS, record.value(), EnrollmentEvent.class).ifPresent(event ->
                log.debug("Enrollment event {} {}", event.eventId(), catalog.apply(event) ? "applied" : "ignored"));
    }
}
