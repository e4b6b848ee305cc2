package dev.lectern.media.video;

import dev.lectern.contracts.asset.AssetCreated;
import dev.lectern.contracts.asset.AssetDeleted;
import dev.lectern.contracts.asset.AssetErrored;
import dev.lectern.contracts.asset.AssetEvent;
import dev.lectern.contracts.asset.AssetReady;
import dev.lectern.contracts.asset.PlaybackId;
import dev.lectern.contracts.asset.UploadAssetCreated;
import dev.lectern.contracts.asset.UploadCancelled;
import dev.lectern.contracts.asset.UploadCreated;
import dev.lectern.contracts.asset.UploadErrored;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each lecture's video as Mux reports it: the asset, the playback id to sign, and whether it is ready.
 * Events apply monotonically (a stage never goes back), so duplicates and reordering leave the right state.
 * An asset reported for a lecture that was removed is queued for deletion.
 */
@Component
public class LectureVideos {

    /** A lecture's current video. */
    public record LectureVideo(UUID lectureId, String assetId, String playbackId, String playbackPolicy,
                               String state) {

        public boolean ready() {
            return "ready".equals(state);
        }
    }

    private static final int UPLOADING = 1;
    private static final int PROCESSING = 2;
    private static final int SETTLED = 3;
    private static final int DELETED = 4;

    /**
     * A new upload after the last one failed, was cancelled or its asset deleted: a new upload starting, or an
     * event about another asset. Redelivered events of the old asset do not match.
     */
    private static final String STARTS_OVER = """
            (lecture_videos.state in ('errored', 'cancelled', 'deleted')
             and ((excluded.stage = 1 and excluded.asset_id is null)
                  or (excluded.asset_id is not null and excluded.asset_id is distinct from lecture_videos.asset_id)))""";

    private final JdbcClient jdbc;
    private final AssetDeletions deletions;
    private final Clock clock;

    LectureVideos(JdbcClient jdbc, AssetDeletions deletions, Clock clock) {
        this.jdbc = jdbc;
        this.deletions = deletions;
        this.clock = clock;
    }

    @Transactional
    public void apply(AssetEvent event) {
        switch (event) {
            case UploadCreated e -> advance(e.lectureId(), UPLOADING, "uploading", null, null);
            case UploadAssetCreated e -> {
                uploadStatus(e.uploadId(), "asset_created");
                advance(e.lectureId(), PROCESSING, "processing", e.assetId(), null);
            }
            case AssetCreated e -> advance(e.lectureId(), PROCESSING, "processing", e.assetId(),
                    preferred(e.playbackIds()));
            case AssetReady e -> advance(e.lectureId(), SETTLED, "ready", e.assetId(), preferred(e.playbackIds()));
            case AssetErrored e -> advance(e.lectureId(), SETTLED, "errored", e.assetId(), null);
            case AssetDeleted e -> jdbc.sql("""
                            update lecture_videos set stage = :stage, state = 'deleted', updated_at = :now
                            where lecture_id = :id and (asset_id is null or asset_id = :asset)""")
                    .param("stage", DELETED).param("now", now()).param("id", e.lectureId())
                    .param("asset", e.assetId()).update();
            case UploadCancelled e -> {
                uploadStatus(e.uploadId(), "cancelled");
                backToNothing(e.lectureId(), "cancelled");
            }
            case UploadErrored e -> {
                uploadStatus(e.uploadId(), "errored");
                backToNothing(e.lectureId(), "errored");
            }
        }
        String assetId = assetIdOf(event);
        if (assetId != null && !(event instanceof AssetDeleted) && lectureRemoved(event.lectureId())) {
            deletions.request(event.lectureId(), assetId);
        }
    }

    public Optional<LectureVideo> of(UUID lectureId) {
        return jdbc.sql("""
                        select lecture_id, asset_id, playback_id, playback_policy, state
                        from lecture_videos where lecture_id = :id""")
                .param("id", lectureId)
                .query((rs, n) -> new LectureVideo(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5)))
                .optional();
    }

    /** Moves the lecture to {@code stage} unless it is already there or beyond, or starts over (see above). */
    private void advance(UUID lectureId, int stage, String state, String assetId, PlaybackId playbackId) {
        String moves = "(lecture_videos.stage < excluded.stage or " + STARTS_OVER + ")";
        jdbc.sql("""
                        insert into lecture_videos (lecture_id, asset_id, playback_id, playback_policy, stage, state,
                                                    updated_at)
                        values (:id, :asset, :pid, :policy, :stage, :state, :now)
                        on conflict (lecture_id) do update
                        set stage = case when %1$s then excluded.stage else lecture_videos.stage end,
                            state = case when %1$s then excluded.state else lecture_videos.state end,
                            asset_id = case when %2$s then excluded.asset_id
                                            else coalesce(lecture_videos.asset_id, excluded.asset_id) end,
                            playback_id = case when %2$s then excluded.playback_id
                                               else coalesce(lecture_videos.playback_id, excluded.playback_id) end,
                            playback_policy = case when %2$s then excluded.playback_policy
                                         else coalesce(lecture_videos.playback_policy, excluded.playback_policy) end,
                            updated_at = excluded.updated_at
                        where lecture_videos.state <> 'deleted' or %2$s""".formatted(moves, STARTS_OVER))
                .param("id", lectureId).param("asset", assetId)
                .param("pid", playbackId == null ? null : playbackId.id())
                .param("policy", playbackId == null ? null : playbackId.policy())
                .param("stage", stage).param("state", state).param("now", now())
                .update();
    }

    private void backToNothing(UUID lectureId, String state) {
        jdbc.sql("""
                        update lecture_videos set stage = 0, state = :state, updated_at = :now
                        where lecture_id = :id and stage <= :uploading""")
                .param("state", state).param("now", now()).param("id", lectureId).param("uploading", UPLOADING)
                .update();
    }

    private void uploadStatus(String uploadId, String status) {
        jdbc.sql("update uploads set status = :status where upload_id = :id and status = 'waiting'")
                .param("status", status).param("id", uploadId).update();
    }

    private boolean lectureRemoved(UUID lectureId) {
        return jdbc.sql("select exists (select 1 from catalog_lectures where lecture_id = :id and removed)")
                .param("id", lectureId).query(Boolean.class).single();
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    /** DRM over signed over public: the strongest protection the asset has. */
    private static PlaybackId preferred(List<PlaybackId> ids) {
        if (ids == null || ids.isEmpty()) {
            return null;
        }
        List<String> order = List.of("drm", "signed", "public");
        return ids.stream()
                .min(Comparator.comparingInt(p -> order.contains(p.policy()) ? order.indexOf(p.policy()) : 9))
                .orElse(null);
    }

    private static String assetIdOf(AssetEvent event) {
        return switch (event) {
            case UploadAssetCreated e -> e.assetId();
            case AssetCreated e -> e.assetId();
            case AssetReady e -> e.assetId();
            case AssetErrored e -> e.assetId();
            case AssetDeleted e -> e.assetId();
            default -> null;
        };
    }
}
