package dev.lectern.media.lectureupload;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code lectern.lecture-upload.*}: uploads of lecture files through the API.
 *
 * @param maxFileSize       largest accepted file; a bigger one fails with 413 and leaves nothing behind
 * @param maxBatchFiles     most files (entries of {@code lectures_data}) in one batch upload
 * @param chunkSize         bytes sent to the Mux upload URL per PUT, a multiple of 256 KiB; the memory one upload holds
 * @param chunkRetries      further attempts for a chunk after a network error or a 408/429/5xx
 * @param chunkRetryDelay   wait before the first retry of a chunk, doubled for each further one
 * @param chunkTimeout      how long one chunk PUT may take
 * @param courseServiceUrl  course-service base URL ({@code COURSE_SERVICE_URL}, default http://localhost:8082)
 * @param courseServiceTimeout how long a call to course-service may take (connect and answer each)
 */
@ConfigurationProperties("lectern.lecture-upload")
public record LectureUploadProperties(DataSize maxFileSize, Integer maxBatchFiles, DataSize chunkSize,
                                      Integer chunkRetries, Duration chunkRetryDelay, Duration chunkTimeout,
                                      URI courseServiceUrl, Duration courseServiceTimeout) {

    static final long CHUNK_UNIT = 256 * 1024;

    public LectureUploadProperties {
        maxFileSize = maxFileSize == null ? DataSize.ofGigabytes(5) : maxFileSize;
        maxBatchFiles = maxBatchFiles == null ? 10 : maxBatchFiles;
        chunkSize = chunkSize == null ? DataSize.ofMegabytes(8) : chunkSize;
        chunkRetries = chunkRetries == null ? 3 : chunkRetries;
        chunkRetryDelay = chunkRetryDelay == null ? Duration.ofMillis(500) : chunkRetryDelay;
        chunkTimeout = chunkTimeout == null ? Duration.ofMinutes(2) : chunkTimeout;
        courseServiceUrl = courseServiceUrl == null ? URI.create("http://localhost:8082") : courseServiceUrl;
        courseServiceTimeout = courseServiceTimeout == null ? Duration.ofSeconds(10) : courseServiceTimeout;
        if (maxFileSize.toBytes() <= 0) {
            throw new IllegalArgumentException("lectern.lecture-upload.max-file-size must be positive");
        }
        if (maxBatchFiles < 1) {
            throw new IllegalArgumentException("lectern.lecture-upload.max-batch-files must be at least 1");
        }
        long chunk = chunkSize.toBytes();
        if (chunk <= 0 || chunk % CHUNK_UNIT != 0 || chunk > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "lectern.lecture-upload.chunk-size must be a positive multiple of 256KB (262144 bytes)");
        }
        if (chunkRetries < 0) {
            throw new IllegalArgumentException("lectern.lecture-upload.chunk-retries must not be negative");
        }
    }

    int chunkBytes() {
        return Math.toIntExact(chunkSize.toBytes());
    }
}
