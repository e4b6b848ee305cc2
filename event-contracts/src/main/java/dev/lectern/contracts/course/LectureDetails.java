package dev.lectern.contracts.course;

/** The state of a lecture that other services keep in their read models. */
public record LectureDetails(String title, int position, boolean freePreview, String videoState,
                             Double durationSeconds) {
}
