package dev.lectern.media.mux;

/** A direct upload; {@code assetId} is set once the status is {@code asset_created}. */
public record Upload(String id,
                     String url,
                     UploadStatus status,
                     Integer timeout,
                     String corsOrigin,
                     String assetId,
                     NewAssetSettings newAssetSettings,
                     UploadError error,
                     Boolean test) {

    /** Why the asset could not be created (note: singular {@code message}, unlike API errors). */
    public record UploadError(String type, String message) {
    }
}
