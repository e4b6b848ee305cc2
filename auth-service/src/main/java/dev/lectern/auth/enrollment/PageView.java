package dev.lectern.auth.enrollment;

import java.util.List;

/** A page of results, 1-based. */
record PageView<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

    static <T> PageView<T> of(List<T> items, int page, int size, long totalItems) {
        return new PageView<>(items, page, size, totalItems, (int) ((totalItems + size - 1) / size));
    }
}
