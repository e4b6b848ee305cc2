package dev.lectern.contracts.course;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.lectern.contracts.DomainEvent;
import dev.lectern.contracts.Topics;
import java.util.UUID;

/**
 * What happens to courses and their lectures, published by course-service on {@link Topics#COURSES}.
 * Every event carries {@code courseVersion}, the course's version after the change, so a read model
 * can ignore a redelivered older event.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event_type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = CourseCreated.class, name = CourseCreated.TYPE),
        @JsonSubTypes.Type(value = CourseUpdated.class, name = CourseUpdated.TYPE),
        @JsonSubTypes.Type(value = CoursePublished.class, name = CoursePublished.TYPE),
        @JsonSubTypes.Type(value = CourseUnpublished.class, name = CourseUnpublished.TYPE),
        @JsonSubTypes.Type(value = CourseDeleted.class, name = CourseDeleted.TYPE),
        @JsonSubTypes.Type(value = LectureAdded.class, name = LectureAdded.TYPE),
        @JsonSubTypes.Type(value = LectureChanged.class, name = LectureChanged.TYPE),
        @JsonSubTypes.Type(value = LectureRemoved.class, name = LectureRemoved.TYPE),
        @JsonSubTypes.Type(value = LectureReady.class, name = LectureReady.TYPE)
})
public sealed interface CourseEvent extends DomainEvent
        permits CourseCreated, CourseUpdated, CoursePublished, CourseUnpublished, CourseDeleted,
        LectureAdded, LectureChanged, LectureRemoved, LectureReady {

    UUID courseId();

    long courseVersion();

    @Override
    default String key() {
        return courseId().toString();
    }

    @Override
    default String topic() {
        return Topics.COURSES;
    }
}
