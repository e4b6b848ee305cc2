package dev.lectern.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The platform checks ports while other threads start processes (pg_ctl, redis-server, service JVMs). A child
 * starts with a copy of every descriptor of this JVM (the JDK's launcher closes them only after it runs), so a
 * socket a port check opens at that moment outlives the check in the child, and the port looks taken to the
 * next check or bind.
 */
class PortsWhileSpawningTest {

    @Test
    void aFreePortStaysFreeWhileOtherThreadsStartProcesses() throws Exception {
        AtomicBoolean spawning = new AtomicBoolean(true);
        List<Thread> spawners = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            spawners.add(Thread.ofPlatform().start(() -> {
                while (spawning.get()) {
                    try {
                        new ProcessBuilder("true").start().waitFor();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
        int port = Ports.freePort();
        List<Integer> seenTaken = new ArrayList<>();
        try {
            for (int check = 0; check < 1_000; check++) {
                if (!Ports.isFree(port)) {
                    seenTaken.add(check);
                }
            }
        } finally {
            spawning.set(false);
            for (Thread spawner : spawners) {
                spawner.join();
            }
        }

        assertThat(seenTaken).as("checks of a free port that answered 'taken'").isEmpty();
    }
}
