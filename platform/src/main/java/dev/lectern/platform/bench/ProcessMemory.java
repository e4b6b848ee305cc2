package dev.lectern.platform.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Resident memory of a process from {@code /proc/<pid>/status} (Linux). */
final class ProcessMemory {

    private ProcessMemory() {
    }

    /** VmRSS in KiB, empty where /proc is not available. */
    static Optional<Long> residentKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The pid of the running JVM whose command line names {@code jarName}, if any. */
    static Optional<Long> pidOfJar(String jarName) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(jarName)).orElse(false))
                .map(ProcessHandle::pid)
                .findFirst();
    }
}
