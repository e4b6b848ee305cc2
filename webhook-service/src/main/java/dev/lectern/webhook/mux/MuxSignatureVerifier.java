package dev.lectern.webhook.mux;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a {@code Mux-Signature: t=<unix seconds>,v1=<hex>} header: lowercase hex HMAC-SHA256 of
 * {@code t + "." + rawBody} with one of the secrets, and {@code t} within the tolerance of now.
 */
final class MuxSignatureVerifier {

    /** Why a signature was refused; the metric tag and the log say which. */
    enum Failure { MISSING, MALFORMED, STALE, MISMATCH }

    static final class InvalidSignatureException extends RuntimeException {
        private final Failure failure;

        InvalidSignatureException(Failure failure) {
            super("webhook signature rejected: " + failure.name().toLowerCase());
            this.failure = failure;
        }

        Failure failure() {
            return failure;
        }
    }

    private final List<byte[]> secrets;
    private final Duration tolerance;
    private final Clock clock;

    MuxSignatureVerifier(List<String> secrets, Duration tolerance, Clock clock) {
        this.secrets = secrets.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /** @throws InvalidSignatureException unless the header signs exactly these bytes with a current timestamp */
    void verify(String header, byte[] rawBody) {
        if (header == null || header.isBlank()) {
            throw new InvalidSignatureException(Failure.MISSING);
        }
        String timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String scheme = part.substring(0, eq).strip();
            String value = part.substring(eq + 1).strip();
            if (scheme.equals("t")) {
                timestamp = value;
            } else if (scheme.equals("v1")) {
                signatures.add(value);
            }
        }
        if (timestamp == null || signatures.isEmpty() || !timestamp.matches("\\d{1,12}")) {
            throw new InvalidSignatureException(Failure.MALFORMED);
        }
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
        Duration age = Duration.between(signedAt, clock.instant()).abs();
        if (age.compareTo(tolerance) > 0) {
            throw new InvalidSignatureException(Failure.STALE);
        }
        for (byte[] secret : secrets) {
            byte[] expected = sign(secret, timestamp, rawBody).getBytes(StandardCharsets.US_ASCII);
            for (String candidate : signatures) {
                if (MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII))) {
                    return;
                }
            }
        }
        throw new InvalidSignatureException(Failure.MISMATCH);
    }

    /** The lowercase hex v1 signature of a body at a timestamp. */
    static String sign(byte[] secret, String timestamp, byte[] rawBody) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            mac.update(rawBody);
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
