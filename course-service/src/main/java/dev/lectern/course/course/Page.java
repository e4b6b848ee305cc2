package dev.lectern.course.course;

import java.util.List;
import java.util.function.Function;

/** One page of a listing, 1-based, in the shape every list endpoint answers with. */
public record Page<T>(List<T> items, int page, int size, long totalItems, long totalPages) {

    public Page(List<T> items, int page, int size, long totalItems) {
        this(items, page, size, totalItems, (totalItems + size - 1) / size);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, totalItems, totalPages);
    }
}
