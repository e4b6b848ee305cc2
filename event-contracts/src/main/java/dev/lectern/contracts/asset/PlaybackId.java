package dev.lectern.contracts.asset;

/** A Mux playback id and its policy ({@code public}, {@code signed} or {@code drm}). */
public record PlaybackId(String id, String policy) {
}
