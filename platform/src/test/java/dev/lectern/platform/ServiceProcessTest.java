package dev.lectern.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ServiceProcessTest {

    @TempDir
    Path dir;

    private ServiceProcess start(String script) throws IOException {
        Path log = dir.resolve("service.log");
        Process process = new ProcessBuilder("bash", "-c", script)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new ServiceProcess(Service.AUTH, log, process);
    }

    @Test
    void stopKillsAProcessThatIgnoresSigtermAndItsChildrenAfterTheGracePeriod() throws Exception {
        ServiceProcess stubborn = start("trap '' TERM; sleep 300 & sleep 300 & wait");
        ProcessHandle handle = ProcessHandle.of(stubborn.pid()).orElseThrow();
        await().atMost(Duration.ofSeconds(5)).until(() -> handle.descendants().count() == 2);
        List<ProcessHandle> children = handle.descendants().toList();

        stubborn.requestStop();
        stubborn.awaitStopped(Duration.ofSeconds(1));

        assertThat(stubborn.isAlive()).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
    }

    @Test
    void politeProcessStopsOnSigtermWithinTheGracePeriod() throws Exception {
        ServiceProcess polite = start("trap 'exit 0' TERM; while true; do sleep 0.1; done");
        Thread.sleep(300);
        long before = System.nanoTime();

        polite.requestStop();
        polite.awaitStopped(Duration.ofSeconds(10));

        assertThat(polite.isAlive()).isFalse();
        assertThat(polite.exitValue()).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void logTailReturnsTheLastLines() throws Exception {
        ServiceProcess chatty = start("for i in $(seq 1 100); do echo line $i; done");
        await().atMost(Duration.ofSeconds(5)).until(() -> !chatty.isAlive());

        assertThat(chatty.logTail(3).lines()).containsExactly("line 98", "line 99", "line 100");
        assertThat(Files.readString(chatty.logFile()).lines()).hasSize(100);
    }
}
