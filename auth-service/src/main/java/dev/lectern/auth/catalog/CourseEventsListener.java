package dev.lectern.auth.catalog;

import dev.lectern.contracts.EventCodec;
import dev.lectern.contracts.Topics;
import dev.lectern.contracts.course.CourseEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Feeds {@link CatalogCourses} from {@code lectern.courses.v1}. Unknown event types decode to empty and are skipped;
 * a record that is not an event at all fails and ends in {@code lectern.courses.v1.dlt} (see
 * {@link CatalogKafkaConfiguration}).
 */
@Component
class CourseEventsListener {

    private static final Logger log = LoggerFactory.getLogger(CourseEventsListener.class);

    private final CatalogCourses courses;

    CourseEventsListener(CatalogCourses courses) {
        this.courses = courses;
    }

    @KafkaListener(id = "auth-service-courses", idIsGroup = false, topics = Topics.COURSES)
    void on(ConsumerRecord<String, byte[]> record) {
        EventCodec.decode(Topics.COURSES, record.value(), CourseEvent.class).ifPresent(event -> {
            boolean applied = courses.apply(event);
            log.debug("Course event {} {} v{} {}", event.eventId(), event.courseId(), event.courseVersion(),
                    applied ? "applied" : "ignored");
        });
    }
}
