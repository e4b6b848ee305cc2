package dev.lectern.webhook.mux;

import dev.lectern.servicekit.problem.ProblemException;
import dev.lectern.webhook.mux.AssetEventPublisher.PublishFailedException;
import dev.lectern.webhook.mux.MuxEventMapper.Ignore;
import dev.lectern.webhook.mux.MuxEventMapper.Publish;
import dev.lectern.webhook.mux.MuxSignatureVerifier.InvalidSignatureException;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Receives Mux webhooks. A 2xx means the event is in Kafka (or was already, or is not ours to publish);
 * anything else makes Mux deliver it again.
 */
@RestController
class MuxWebhookController {

    private static final Logger log = LoggerFactory.getLogger(MuxWebhookController.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String RETRY_AFTER_SECONDS = "5";

    /** The answer Mux gets with a 2xx: {@code accepted}, {@code duplicate} or {@code ignored}. */
    record Receipt(String status) {
    }

    private final MuxSignatureVerifier verifier;
    private final MuxEventMapper mapper;
    private final ProcessedWebhooks processed;
    private final AssetEventPublisher publisher;
    private final MeterRegistry meters;
    private final Clock clock;
    private final long maxBodyBytes;

    MuxWebhookController(MuxSignatureVerifier verifier, MuxEventMapper mapper, ProcessedWebhooks processed,
                         AssetEventPublisher publisher, MeterRegistry meters, Clock clock,
                         MuxWebhookProperties properties) {
        this.verifier = verifier;
        this.mapper = mapper;
        this.processed = processed;
        this.publisher = publisher;
        this.meters = meters;
        this.clock = clock;
        this.maxBodyBytes = properties.maxBodySize().toBytes();
    }

    @Operation(summary = "Mux webhook delivery (signed with Mux-Signature)")
    @PostMapping("/webhooks/mux")
    Receipt receive(HttpServletRequest request) {
        byte[] body = readBody(request);
        try {
            verifier.verify(request.getHeader("Mux-Signature"), body);
        } catch (InvalidSignatureException e) {
            count("rejected", e.failure().name().toLowerCase() + "-signature");
            log.warn("Rejected a Mux webhook: {} signature", e.failure().name().toLowerCase());
            throw new ProblemException(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                    "The Mux-Signature header is missing, invalid or outside the allowed time window.");
        }
        JsonNode envelope = parse(body);
        String muxId = envelope.path("id").asString();
        String type = envelope.path("type").asString();

        return switch (mapper.map(envelope)) {
            case Ignore ignore -> {
                if (ignore.reason().equals(MuxEventMapper.NO_PASSTHROUGH)) {
                    log.warn("Ignored Mux event {} ({}): no lecture id in its passthrough", muxId, type);
                } else {
                    log.debug("Ignored Mux event {} of type {}", muxId, type);
                }
                count("ignored", ignore.reason());
                yield new Receipt("ignored");
            }
            case Publish publish -> deliver(muxId, type, publish);
        };
    }

    /** Checks for a duplicate, publishes, and records the id only after Kafka's ack. */
    private Receipt deliver(String muxId, String type, Publish publish) {
        try {
            if (processed.contains(muxId)) {
                count("duplicate", "already-published");
                return new Receipt("duplicate");
            }
        } catch (DataAccessException e) {
            throw unavailable("database", muxId, e);
        }
        try {
            publisher.publish(publish.event());
        } catch (PublishFailedException e) {
            throw unavailable("kafka", muxId, e);
        }
        try {
            processed.record(muxId, type, publish.event().lectureId(), clock.instant());
        } catch (DataAccessException e) {
            // The event is in Kafka, which is what the 2xx promises; a redelivery only publishes it again.
            log.warn("Published Mux event {} but could not record it: {}", muxId, e.getMessage());
        }
        count("accepted", type);
        log.info("Published {} for lecture {} from Mux event {}", type, publish.event().lectureId(), muxId);
        return new Receipt("accepted");
    }

    private ProblemException unavailable(String what, String muxId, Exception cause) {
        count("failed", what + "-unavailable");
        log.warn("Could not take Mux event {}: {} unavailable ({})", muxId, what, cause.getMessage());
        ProblemException problem = new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
                "Service unavailable", "The event could not be stored right now; deliver it again later.", cause);
        problem.getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        return problem;
    }

    private byte[] readBody(HttpServletRequest request) {
        if (request.getContentLengthLong() > maxBodyBytes) {
            throw tooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
            if (body.length > maxBodyBytes) {
                throw tooLarge();
            }
            return body;
        } catch (IOException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
                    "The request body could not be read.");
        }
    }

    private ProblemException tooLarge() {
        count("rejected", "too-large");
        return new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
                "The webhook body is larger than " + maxBodyBytes + " bytes.");
    }

    private JsonNode parse(byte[] body) {
        JsonNode envelope;
        try {
            envelope = JSON.readTree(body);
        } catch (JacksonException e) {
            envelope = null;
        }
        if (envelope == null || !envelope.isObject() || !nonBlankString(envelope.path("id"))
                || !nonBlankString(envelope.path("type"))) {
            count("rejected", "malformed-body");
            throw new ProblemException(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
                    "The webhook body must be a JSON object with string fields id and type.");
        }
        return envelope;
    }

    private static boolean nonBlankString(JsonNode node) {
        return node.isString() && !node.asString().isBlank();
    }

    private void count(String outcome, String reason) {
        meters.counter("lectern.webhook.mux.deliveries", "outcome", outcome, "reason", reason).increment();
    }
}
