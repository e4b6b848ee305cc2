package dev.lectern.course.course;

import java.util.Objects;
import java.util.function.Consumer;

/** Partial updates: a field the client sent ({@code requested} not null) and that differs is set. */
final class Changes {

    private Changes() {
    }

    /** Sets {@code requested} through {@code setter} when present and different; returns whether it did. */
    static <T> boolean apply(T requested, T current, Consumer<T> setter) {
        if (requested == null || Objects.equals(requested, current)) {
            return false;
        }
        setter.accept(requested);
        return true;
    }
}
