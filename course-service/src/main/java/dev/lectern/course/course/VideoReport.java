package dev.lectern.course.course;

import dev.lectern.contracts.asset.PlaybackId;
import java.util.List;

/**
 * What the media pipeline reports about a lecture's video: the state it is now in, and whatever ids and
 * facts came with it ({@code null} when the report does not carry them).
 */
public record VideoReport(VideoState state, String uploadId, String assetId, List<PlaybackId> playbackIds,
                          Double durationSeconds, String aspectRatio, String error) {

    public static VideoReport of(VideoState state) {
        return new VideoReport(state, null, null, null, null, null, null);
    }
}
