package dev.lectern.media.video;

import dev.lectern.media.catalog.MediaCatalog.LectureGone;
import dev.lectern.media.mux.MuxClient;
import dev.lectern.media.mux.MuxException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes at Mux the assets of removed lectures. A removal is recorded in the same transaction as the catalog
 * change that learns of it, then a scheduled round deletes due assets, retrying with backoff until Mux confirms
 * (an asset Mux does not know counts as deleted). Replicas share the work with {@code SKIP LOCKED}.
 */
@Component
public class AssetDeletions {

    private static final Logger log = LoggerFactory.getLogger(AssetDeletions.class);
    private static final int BATCH = 20;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final MuxClient mux;
    private final Clock clock;
    private final Duration maxBackoff;

    AssetDeletions(JdbcClient jdbc, TransactionTemplate transactions, MuxClient mux, Clock clock,
                   @Value("${lectern.media.asset-deletion.max-backoff:PT1H}") Duration maxBackoff) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.mux = mux;
        this.clock = clock;
        this.maxBackoff = maxBackoff;
    }

    /** Runs inside the catalog's transaction: the lecture's known asset (from the event or the video). */
    @EventListener
    void on(LectureGone gone) {
        if (gone.assetId() != null) {
            request(gone.lectureId(), gone.assetId());
        }
        jdbc.sql("select asset_id from lecture_videos where lecture_id = :id and asset_id is not null")
                .param("id", gone.lectureId()).query(String.class).optional()
                .ifPresent(assetId -> request(gone.lectureId(), assetId));
    }

    void request(UUID lectureId, String assetId) {
        jdbc.sql("""
                        insert into asset_deletions (asset_id, lecture_id, requested_at, next_attempt_at)
                        values (:asset, :lecture, :now, :now) on conflict (asset_id) do nothing""")
                .param("asset", assetId).param("lecture", lectureId).param("now", Timestamp.from(clock.instant()))
                .update();
    }

    /** One round: deletes the due assets; returns how many Mux confirmed. */
    @Scheduled(fixedDelayString = "${lectern.media.asset-deletion.interval:PT5S}", initialDelay = 2_000)
    public int deleteDue() {
        Integer deleted = transactions.execute(status -> {
            List<String> due = jdbc.sql("""
                            select asset_id from asset_deletions where next_attempt_at <= :now
                            order by next_attempt_at limit :limit for update skip locked""")
                    .param("now", Timestamp.from(clock.instant())).param("limit", BATCH)
                    .query(String.class).list();
            int done = 0;
            for (String assetId : due) {
                try {
                    mux.deleteAsset(assetId);
                    jdbc.sql("delete from asset_deletions where asset_id = :id").param("id", assetId).update();
                    done++;
                } catch (MuxException e) {
                    retryLater(assetId, e);
                }
            }
            return done;
        });
        return deleted == null ? 0 : deleted;
    }

    public int pending() {
        return jdbc.sql("select count(*) from asset_deletions").query(Integer.class).single();
    }

    private void retryLater(String assetId, MuxException e) {
        int attempts = jdbc.sql("select attempts from asset_deletions where asset_id = :id").param("id", assetId)
                .query(Integer.class).single() + 1;
        Duration backoff = Duration.ofSeconds(5).multipliedBy(1L << Math.min(attempts, 12));
        Instant next = clock.instant().plus(backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff);
        jdbc.sql("""
                        update asset_deletions set attempts = :attempts, next_attempt_at = :next, last_error = :error
                        where asset_id = :id""")
                .param("attempts", attempts).param("next", Timestamp.from(next))
                .param("error", "Mux " + e.muxStatus() + " " + e.getMessage()).param("id", assetId).update();
        log.warn("Could not delete Mux asset {} (attempt {}), next try at {}: {}", assetId, attempts, next,
                e.getMessage());
    }
}
