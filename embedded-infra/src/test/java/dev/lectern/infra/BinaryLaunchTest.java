package dev.lectern.infra;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinaryLaunchTest {

    @Test
    void textFileBusyIsRetriedUntilTheStartSucceeds() throws IOException {
        AtomicInteger attempts = new AtomicInteger();

        BinaryLaunch.withRetryWhenTextFileBusy(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IOException("Failed to start", new IOException("Exec failed, error: 26 (Text file busy)"));
            }
        });

        assertThat(attempts).hasValue(3);
    }

    @Test
    void otherFailuresAreNotRetried() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> BinaryLaunch.withRetryWhenTextFileBusy(() -> {
            attempts.incrementAndGet();
            throw new IOException("Permission denied");
        })).hasMessage("Permission denied");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void givesUpAfterFiveBusyAttempts() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> BinaryLaunch.withRetryWhenTextFileBusy(() -> {
            attempts.incrementAndGet();
            throw new IOException("Text file busy");
        })).hasMessage("Text file busy");
        assertThat(attempts).hasValue(5);
    }
}
