package dev.lectern.servicekit.tracing;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The W3C {@code traceparent} of the work on this thread. An outbox keeps it with the event it stores, and the relay
 * publishes the event inside that trace, so the record carries the trace of the request that caused it even though
 * it leaves later, from another thread.
 */
public final class TraceParent {

    /** The W3C header (HTTP) and Kafka record header name. */
    public static final String HEADER = "traceparent";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<String> VALUE = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(HEADER);
        }

        @Override
        public String get(String carrier, String key) {
            return HEADER.equals(key) ? carrier : null;
        }
    };

    private TraceParent() {
    }

    /** The current trace and span as a {@code traceparent} value, or null when no trace is active. */
    public static String current() {
        Map<String, String> carrier = new HashMap<>(2);
        W3C.inject(Context.current(), carrier, Map::put);
        return carrier.get(HEADER);
    }

    /**
     * Runs {@code work} as a continuation of the trace {@code traceparent} names, whatever trace is current: spans
     * started inside (a Kafka send) are its children. Null or malformed: {@code work} runs as it would have.
     */
    public static <T> T continueTrace(String traceparent, Supplier<T> work) {
        if (traceparent == null || traceparent.isBlank()) {
            return work.get();
        }
        Context parent = W3C.extract(Context.root(), traceparent, VALUE);
        if (parent == Context.root()) {
            return work.get();
        }
        try (Scope ignored = parent.makeCurrent()) {
            return work.get();
        }
    }
}
