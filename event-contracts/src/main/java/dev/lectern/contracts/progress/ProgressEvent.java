package dev.lectern.contracts.progress;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.lectern.contracts.DomainEvent;
import dev.lectern.contracts.Topics;
import java.util.UUID;

/**
 * How far students watched lectures, published by course-service on {@link Topics#PROGRESS}, keyed by lecture
 * id so one lecture's events (and so one student's events on it) stay in order. {@code progressVersion} is the
 * version of the student's progress on the lecture after the change: it only grows.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event_type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = LectureProgressed.class, name = LectureProgressed.TYPE),
        @JsonSubTypes.Type(value = LectureCompleted.class, name = LectureCompleted.TYPE)
})
public sealed interface ProgressEvent extends DomainEvent permits LectureProgressed, LectureCompleted {

    UUID studentId();

    UUID courseId();

    UUID lectureId();

    long progressVersion();

    @Override
    default String key() {
        return lectureId().toString();
    }

    @Override
    default String topic() {
        return Topics.PROGRESS;
    }
}
