package dev.lectern.webhook.mux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.webhook.mux.MuxSignatureVerifier.Failure;
import dev.lectern.webhook.mux.MuxSignatureVerifier.InvalidSignatureException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class MuxSignatureVerifierTest {

    private static final byte[] ELIXIR_BODY = "{\"test\":\"body\"}".getBytes(StandardCharsets.UTF_8);
    private static final String ELIXIR_SIGNATURE = "854ece4c22acef7c66b57d4e504153bc512595e8e9c772ece2a68150548c19a7";
    private static final byte[] REFERENCE_BODY = ("{\"type\":\"video.asset.ready\",\"object\":{\"type\":\"asset\",\"id\":\"A1\"},"
            + "\"id\":\"evt-1\",\"data\":{\"id\":\"A1\",\"status\":\"ready\"}}").getBytes(StandardCharsets.UTF_8);
    private static final String REFERENCE_SIGNATURE = "77901dd265e2cd414a8979cbd842817b25ec28747e5c0f7b04a86e08832379b4";

    private static MuxSignatureVerifier verifier(Instant now, String... secrets) {
        return new MuxSignatureVerifier(List.of(secrets), Duration.ofMinutes(5), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static Failure failureOf(Runnable verification) {
        try {
            verification.run();
        } catch (InvalidSignatureException e) {
            return e.failure();
        }
        return null;
    }

    @Test
    void acceptsTheElixirSdkTestVector() {
        var verifier = verifier(Instant.ofEpochSecond(1565125718 + 10), "SuperSecret123");

        assertThatCode(() -> verifier.verify("t=1565125718,v1=" + ELIXIR_SIGNATURE, ELIXIR_BODY)).doesNotThrowAnyException();
    }

    @Test
    void acceptsTheReferenceVectorOfAWholeEnvelope() {
        var verifier = verifier(Instant.ofEpochSecond(1700000000), "test-webhook-secret");

        assertThatCode(() -> verifier.verify("t=1700000000,v1=" + REFERENCE_SIGNATURE, REFERENCE_BODY))
                .doesNotThrowAnyException();
    }

    @Test
    void signMatchesBothTestVectors() {
        assertThat(MuxSignatureVerifier.sign(
                "SuperSecret123".getBytes(StandardCharsets.UTF_8), "1565125718", ELIXIR_BODY)).isEqualTo(ELIXIR_SIGNATURE);
        assertThat(MuxSignatureVerifier.sign(
                "test-webhook-secret".getBytes(StandardCharsets.UTF_8), "1700000000", REFERENCE_BODY))
                .isEqualTo(REFERENCE_SIGNATURE);
    }

    @Test
    void aBodyChangedByOneByteIsAMismatch() {
        var verifier = verifier(Instant.ofEpochSecond(1700000000), "test-webhook-secret");
        byte[] tampered = new String(REFERENCE_BODY, StandardCharsets.UTF_8).replace("ready", "reaDy")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(failureOf(() ->
                verifier.verify("t=1700000000,v1=" + REFERENCE_SIGNATURE, tampered))).isEqualTo(Failure.MISMATCH);
    }

    @Test
    void anotherSecretIsAMismatch() {
        var verifier = verifier(Instant.ofEpochSecond(1700000000), "not-the-secret");

        assertThat(failureOf(() ->
                verifier.verify("t=1700000000,v1=" + REFERENCE_SIGNATURE, REFERENCE_BODY))).isEqualTo(Failure.MISMATCH);
    }

    @Test
    void duringRotationEitherSecretIsAccepted() {
        var verifier = verifier(Instant.ofEpochSecond(1700000000), "new-secret", "test-webhook-secret");

        assertThatCode(() -> verifier.verify("t=1700000000,v1=" + REFERENCE_SIGNATURE, REFERENCE_BODY))
                .doesNotThrowAnyException();
    }

    @Test
    void anyOfSeveralV1SignaturesMayMatchAndUnknownSchemesAreIgnored() {
        var verifier = verifier(Instant.ofEpochSecond(1700000000), "test-webhook-secret");
        String header = "t=1700000000,v0=deadbeef,v1=" + "0".repeat(64) + ",v1=" + REFERENCE_SIGNATURE + ",v2=abc";

        assertThatCode(() -> verifier.verify(header, REFERENCE_BODY)).doesNotThrowAnyException();
    }

    @Test
    void aTimestampOlderThanTheToleranceIsStale() {
        var verifier = verifier(Instant.ofEpochSecond(1700000000 + 301), "test-webhook-secret");

        assertThat(failureOf(() ->
                verifier.verify("t=1700000000,v1=" + REFERENCE_SIGNATURE, REFERENCE_BODY))).isEqualTo(Failure.STALE);
    }

    @Test
    void aTimestampFurtherInTheFutureThanTheToleranceIsStale() {
        var verifier = verifier(Instant.ofEpochSecond(1700000000 - 301), "test-webhook-secret");

        assertThat(failureOf(() ->
                verifier.verify("t=1700000000,v1=" + REFERENCE_SIGNATURE, REFERENCE_BODY))).isEqualTo(Failure.STALE);
    }

    @Test
    void aTimestampAtTheEdgeOfTheToleranceIsAccepted() {
        var verifier = verifier(Instant.ofEpochSecond(1700000000 + 300), "test-webhook-secret");

        assertThatCode(() -> verifier.verify("t=1700000000,v1=" + REFERENCE_SIGNATURE, REFERENCE_BODY))
                .doesNotThrowAnyException();
    }

    @Test
    void missingOrIncompleteHeadersAreRefused() {
        var verifier = verifier(Instant.ofEpochSecond(1700000000), "test-webhook-secret");

        assertThat(failureOf(() -> verifier.verify(null, REFERENCE_BODY)))
                .isEqualTo(Failure.MISSING);
        assertThat(failureOf(() -> verifier.verify(" ", REFERENCE_BODY)))
                .isEqualTo(Failure.MISSING);
        assertThat(failureOf(() ->
                verifier.verify("v1=" + REFERENCE_SIGNATURE, REFERENCE_BODY))).isEqualTo(Failure.MALFORMED);
        assertThat(failureOf(() ->
                verifier.verify("t=1700000000", REFERENCE_BODY))).isEqualTo(Failure.MALFORMED);
        assertThat(failureOf(() ->
                verifier.verify("t=soon,v1=" + REFERENCE_SIGNATURE, REFERENCE_BODY))).isEqualTo(Failure.MALFORMED);
    }

    @Test
    void anUppercaseHexSignatureIsNotTheLowercaseOne() {
        var verifier = verifier(Instant.ofEpochSecond(1700000000), "test-webhook-secret");

        assertThatThrownBy(() -> verifier.verify("t=1700000000,v1=" + REFERENCE_SIGNATURE.toUpperCase(), REFERENCE_BODY))
                .isInstanceOf(InvalidSignatureException.class);
    }
}
