package dev.lectern.course.course;

import java.util.UUID;
import org.springframework.data.domain.Sort;

/** A validated catalog search. */
record CatalogQuery(int page, int size, String category, String text, UUID instructorId, CatalogSort sort) {

    enum CatalogSort {
        NEWEST(Sort.by(Sort.Direction.DESC, "publishedAt")),
        OLDEST(Sort.by(Sort.Direction.ASC, "publishedAt")),
        TITLE(Sort.by(Sort.Direction.ASC, "title")),
        LONGEST(Sort.by(Sort.Direction.DESC, "totalDurationSeconds"));

        private final Sort sort;

        CatalogSort(Sort sort) {
            this.sort = sort.and(Sort.by("_id"));
        }

        Sort toSort() {
            return sort;
        }
    }
}
