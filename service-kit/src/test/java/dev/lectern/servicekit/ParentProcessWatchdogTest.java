package dev.lectern.servicekit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.servicekit.request.RequestIds;
import dev.lectern.servicekit.watchdog.ParentProcessWatchdog;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ParentProcessWatchdogTest {

    @Test
    void parentCountsAsAliveWhileItsProcessRunsAndGoneAfter() throws Exception {
        Process parent = new ProcessBuilder("sleep", "30").start();
        ProbeWatchdog watchdog = new ProbeWatchdog(parent.pid());
        assertThat(watchdog.alive()).isTrue();
        parent.destroyForcibly().waitFor();
        assertThat(watchdog.alive()).isFalse();
    }

    @Test
    void requestIdsKeepOnlyWellFormedValues() {
        assertThat(RequestIds.acceptOrCreate("a.b_c-1")).isEqualTo("a.b_c-1");
        assertThat(RequestIds.acceptOrCreate("x".repeat(64))).hasSize(64);
        assertThat(RequestIds.acceptOrCreate("x".repeat(65))).hasSize(36);
        assertThat(RequestIds.acceptOrCreate("<script>")).hasSize(36);
        assertThat(RequestIds.acceptOrCreate(null)).hasSize(36);
    }

    static final class ProbeWatchdog extends ParentProcessWatchdog {
        ProbeWatchdog(long pid) {
            super(pid, Duration.ofSeconds(1), null);
        }

        boolean alive() {
            return parentAlive();
        }
    }
}
