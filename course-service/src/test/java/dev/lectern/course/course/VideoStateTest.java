package dev.lectern.course.course;

import static dev.lectern.course.course.VideoState.AWAITING_UPLOAD;
import static dev.lectern.course.course.VideoState.CANCELLED;
import static dev.lectern.course.course.VideoState.FAILED;
import static dev.lectern.course.course.VideoState.PROCESSING;
import static dev.lectern.course.course.VideoState.READY;
import static dev.lectern.course.course.VideoState.UPLOADING;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VideoStateTest {

    @Test
    void movesForwardThroughTheHappyPath() {
        assertThat(AWAITING_UPLOAD.canMoveTo(UPLOADING)).isTrue();
        assertThat(UPLOADING.canMoveTo(PROCESSING)).isTrue();
        assertThat(PROCESSING.canMoveTo(READY)).isTrue();
    }

    @Test
    void skipsAheadWhenEventsArriveOutOfOrder() {
        assertThat(UPLOADING.canMoveTo(READY)).isTrue();
        assertThat(AWAITING_UPLOAD.canMoveTo(PROCESSING)).isTrue();
    }

    @Test
    void neverMovesBackward() {
        assertThat(PROCESSING.canMoveTo(UPLOADING)).isFalse();
        assertThat(UPLOADING.canMoveTo(AWAITING_UPLOAD)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(VideoState.class)
    void nothingLeavesReady(VideoState next) {
        assertThat(READY.canMoveTo(next)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(VideoState.class)
    void sameStateAgainIsANoOp(VideoState state) {
        assertThat(state.canMoveTo(state)).isFalse();
    }

    @Test
    void failedOrCancelledUploadCanBeRetried() {
        assertThat(FAILED.canMoveTo(UPLOADING)).isTrue();
        assertThat(CANCELLED.canMoveTo(UPLOADING)).isTrue();
        assertThat(PROCESSING.canMoveTo(FAILED)).isTrue();
        assertThat(FAILED.canMoveTo(CANCELLED)).isFalse();
    }
}
