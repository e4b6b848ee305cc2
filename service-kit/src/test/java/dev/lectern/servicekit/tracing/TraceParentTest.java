package dev.lectern.servicekit.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

class TraceParentTest {

    private static final String STORED = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void outsideAnyTraceThereIsNone() {
        assertThat(TraceParent.current()).isNull();
    }

    @Test
    void aStoredTraceIsTheCurrentOneWhileTheWorkRunsAndOnlyThen() {
        String inside = TraceParent.continueTrace(STORED, TraceParent::current);

        assertThat(inside).isEqualTo(STORED);
        assertThat(TraceParent.current()).isNull();
    }

    @Test
    void theStoredTraceWinsOverTheTraceOfTheThreadThatPublishes() {
        SpanContext relayRound = SpanContext.create("11111111111111111111111111111111", "2222222222222222",
                TraceFlags.getSampled(), TraceState.getDefault());
        try (Scope ignored = Context.root().with(Span.wrap(relayRound)).makeCurrent()) {
            assertThat(TraceParent.continueTrace(STORED, TraceParent::current)).isEqualTo(STORED);
            assertThat(TraceParent.current()).contains("11111111111111111111111111111111");
        }
    }

    @Test
    void withoutAStoredTraceOrWithAMalformedOneTheWorkStillRunsOutsideAnyTrace() {
        assertThat(TraceParent.continueTrace(null, TraceParent::current)).isNull();
        assertThat(TraceParent.continueTrace("", TraceParent::current)).isNull();
        assertThat(TraceParent.continueTrace("00-not-a-trace-01", TraceParent::current)).isNull();
    }
}
