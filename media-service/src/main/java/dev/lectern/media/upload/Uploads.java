package dev.lectern.media.upload;

import dev.lectern.contracts.asset.AssetEvent;
import dev.lectern.contracts.asset.UploadCancelled;
import dev.lectern.contracts.asset.UploadCreated;
import dev.lectern.media.mux.CreateUpload;
import dev.lectern.media.mux.MuxClient;
import dev.lectern.media.mux.MuxRejectedException;
import dev.lectern.media.mux.NewAssetSettings;
import dev.lectern.media.mux.Upload;
import dev.lectern.servicekit.outbox.Outbox;
import dev.lectern.servicekit.problem.ConflictException;
import dev.lectern.servicekit.problem.NotFoundException;
import dev.lectern.servicekit.security.CurrentUser;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Mux direct uploads for lectures. The Mux call happens outside any transaction; the upload row and its
 * {@code upload.created} event (which moves the lecture to {@code uploading}) then commit together. Callers
 * check who may upload; {@link UploadController} does it for the API.
 */
@Service
public class Uploads {

    private static final Logger log = LoggerFactory.getLogger(Uploads.class);

    private final MuxClient mux;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Outbox outbox;
    private final UploadProperties properties;
    private final Clock clock;

    Uploads(MuxClient mux, JdbcClient jdbc, TransactionTemplate transactions, Outbox outbox,
            UploadProperties properties, Clock clock) {
        this.mux = mux;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
    }

    /** Creates a direct upload whose asset carries the lecture id as {@code passthrough}. */
    public StartedUpload start(UUID lectureId, UUID courseId, boolean drm) {
        String passthrough = lectureId.toString();
        NewAssetSettings settings = drm && properties.drmAvailable()
                ? NewAssetSettings.drm(passthrough, properties.drmConfigurationId(),
                properties.videoQuality() == null ? "plus" : properties.videoQuality())
                : NewAssetSettings.signed(passthrough, properties.videoQuality());
        if (drm && !properties.drmAvailable()) {
            log.info("Course {} asks for DRM but MUX_DRM_CONFIGURATION_ID is not set; uploading with signed playback",
                    courseId);
        }
        Instant now = clock.instant();
        Upload upload = mux.createUpload(new CreateUpload(properties.corsOrigin(),
                Math.toIntExact(properties.timeout().toSeconds()), settings));
        Instant expiresAt = now.plus(properties.timeout());
        UUID createdBy = CurrentUser.current().map(CurrentUser::id).orElse(null);
        transactions.executeWithoutResult(status -> {
            jdbc.sql("""
                            insert into uploads (upload_id, lecture_id, course_id, created_by, status, created_at,
                                                 expires_at)
                            values (:id, :lecture, :course, :by, 'waiting', :now, :expires)""")
                    .param("id", upload.id()).param("lecture", lectureId).param("course", courseId)
                    .param("by", createdBy).param("now", Timestamp.from(now))
                    .param("expires", Timestamp.from(expiresAt)).update();
            String muxEventId = "lectern:upload.created:" + upload.id();
            outbox.append(new UploadCreated(AssetEvent.eventIdOf(muxEventId), now, lectureId, muxEventId,
                    upload.id()));
        });
        log.info("Created Mux upload {} for lecture {} ({})", upload.id(), lectureId,
                settings.advancedPlaybackPolicies() == null ? "signed" : "drm");
        return new StartedUpload(upload.id(), URI.create(upload.url()), expiresAt);
    }

    /**
     * Cancels a waiting upload of the lecture at Mux: 404 when the lecture has no such upload, 409 once the
     * file has arrived (Mux refuses then). Cancelling twice is fine.
     */
    public void cancel(UUID lectureId, String uploadId) {
        String status = jdbc.sql("select status from uploads where upload_id = :id and lecture_id = :lecture")
                .param("id", uploadId).param("lecture", lectureId).query(String.class).optional()
                .orElseThrow(() -> new NotFoundException("This lecture has no upload " + uploadId + "."));
        if (status.equals("cancelled")) {
            return;
        }
        if (!status.equals("waiting")) {
            throw new ConflictException("The upload can no longer be cancelled: it is " + status + ".");
        }
        try {
            mux.cancelUpload(uploadId);
        } catch (MuxRejectedException e) {
            if (e.muxStatus() == 403) {
                throw new ConflictException("The upload can no longer be cancelled: its file has arrived.");
            }
            throw e;
        }
        Instant now = clock.instant();
        transactions.executeWithoutResult(tx -> {
            int changed = jdbc.sql("update uploads set status = 'cancelled' where upload_id = :id and status = 'waiting'")
                    .param("id", uploadId).update();
            if (changed > 0) {
                String muxEventId = "lectern:upload.cancelled:" + uploadId;
                outbox.append(new UploadCancelled(AssetEvent.eventIdOf(muxEventId), now, lectureId, muxEventId,
                        uploadId));
            }
        });
    }
}
