package dev.lectern.course.course;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

public enum CourseStatus {
    DRAFT, PUBLISHED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
