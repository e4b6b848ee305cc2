package dev.lectern.media.mux;

import java.util.List;

/**
 * A Mux asset. {@code createdAt} is unix seconds (a string in REST, a number in webhooks; both read).
 * {@code duration}/{@code aspectRatio} are absent while preparing.
 */
public record Asset(String id,
                    AssetStatus status,
                    String createdAt,
                    Double duration,
                    String aspectRatio,
                    String resolutionTier,
                    String videoQuality,
                    List<PlaybackId> playbackIds,
                    String passthrough,
                    String uploadId,
                    List<Track> tracks,
                    AssetErrors errors) {

    public Asset {
        playbackIds = playbackIds == null ? List.of() : List.copyOf(playbackIds);
        tracks = tracks == null ? List.of() : List.copyOf(tracks);
    }

    public record Track(String id,
                        String type,
                        Double duration,
                        Integer maxWidth,
                        Integer maxHeight,
                        Double maxFrameRate,
                        Integer maxChannels,
                        Boolean primary) {
    }

    public record AssetErrors(String type, List<String> messages) {
    }
}
