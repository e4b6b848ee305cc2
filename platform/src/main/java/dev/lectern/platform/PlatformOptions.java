package dev.lectern.platform;

import dev.lectern.infra.KafkaInstance;
import dev.lectern.infra.MongoInstance;
import dev.lectern.infra.Ports;
import dev.lectern.infra.PostgresInstance;
import dev.lectern.infra.RedisInstance;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How to run the platform: where the service jars and the data live, ports, extra environment for the
 * services, child JVM options.
 *
 * @param repoRoot     the checkout, holding {@code <service>/target/<service>-exec.jar}
 * @param dataDir      data of the infrastructure and {@code logs/<service>.log}
 * @param cacheDir     extracted service jars and their class-data archives (safe to delete)
 * @param servicePorts port of each service
 * @param managementPorts port of each service's actuator (health probes, metrics), passed as {@code MANAGEMENT_PORT}
 * @param infraPorts   ports of PostgreSQL, Kafka, Redis, MongoDB
 * @param extraEnv     added to every service's environment (wins over what the platform sets)
 * @param jvmOptions   options of each service JVM
 * @param readyTimeout how long every service has to answer its readiness probe
 * @param out          where progress goes
 * @param muxEmulatorPort port of the Mux emulator the platform runs in place of Mux, or null to use the real Mux
 *                     (the {@code MUX_*} variables of the environment then reach media-service and webhook-service)
 */
public record PlatformOptions(Path repoRoot, Path dataDir, Path cacheDir, Map<Service, Integer> servicePorts,
                              Map<Service, Integer> managementPorts, InfraPorts infraPorts,
                              Map<String, String> extraEnv, List<String> jvmOptions, Duration readyTimeout,
                              PrintStream out, Integer muxEmulatorPort) {

    /** Default port of the Mux emulator ({@code MUX_EMULATOR_PORT}). */
    public static final int DEFAULT_MUX_EMULATOR_PORT = 18080;

    /** Small heaps and quick JIT: fine for a laptop and for tests. */
    public static final List<String> DEFAULT_JVM_OPTIONS =
            List.of("-Xmx256m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(120);

    public PlatformOptions {
        servicePorts = Map.copyOf(servicePorts);
        managementPorts = Map.copyOf(managementPorts);
        extraEnv = Map.copyOf(extraEnv);
        jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * The launcher's options: ports from the variables in docs/architecture.md (defaults when unset),
     * JVM options from {@code LECTERN_SERVICE_JVM_OPTS} when set.
     */
    public static PlatformOptions fromEnvironment(Path repoRoot, Path dataDir, Map<String, String> env) {
        Map<Service, Integer> ports = new EnumMap<>(Service.class);
        Map<Service, Integer> management = new EnumMap<>(Service.class);
        for (Service s : Service.values()) {
            ports.put(s, port(env, s.portEnv(), s.defaultPort()));
            management.put(s, port(env, s.managementPortEnv(), s.defaultManagementPort()));
        }
        InfraPorts infra = new InfraPorts(
                port(env, PostgresInstance.PORT_ENV, PostgresInstance.DEFAULT_PORT),
                port(env, KafkaInstance.PORT_ENV, KafkaInstance.DEFAULT_PORT),
                port(env, KafkaInstance.CONTROLLER_PORT_ENV, KafkaInstance.DEFAULT_CONTROLLER_PORT),
                port(env, RedisInstance.PORT_ENV, RedisInstance.DEFAULT_PORT),
                port(env, MongoInstance.PORT_ENV, MongoInstance.DEFAULT_PORT));
        String jvmOpts = env.getOrDefault("LECTERN_SERVICE_JVM_OPTS", "").trim();
        List<String> jvm = jvmOpts.isEmpty() ? DEFAULT_JVM_OPTIONS : List.of(jvmOpts.split("\\s+"));
        String muxToken = env.getOrDefault("MUX_TOKEN_ID", "");
        Integer emulator = muxToken.isBlank() ? port(env, "MUX_EMULATOR_PORT", DEFAULT_MUX_EMULATOR_PORT) : null;
        return new PlatformOptions(repoRoot, dataDir, dataDir.resolve("cache"), ports, management, infra, Map.of(), jvm,
                DEFAULT_READY_TIMEOUT, System.out, emulator);
    }

    /** Free ports everywhere, so a test run never clashes with a running platform or another build. */
    public static PlatformOptions forTests(Path repoRoot, Path dataDir) {
        Set<Integer> taken = new HashSet<>();
        Map<Service, Integer> ports = new EnumMap<>(Service.class);
        Map<Service, Integer> management = new EnumMap<>(Service.class);
        for (Service s : Service.values()) {
            ports.put(s, distinctFreePort(taken));
            management.put(s, distinctFreePort(taken));
        }
        InfraPorts infra = new InfraPorts(distinctFreePort(taken), distinctFreePort(taken), distinctFreePort(taken),
                distinctFreePort(taken), distinctFreePort(taken));
        return new PlatformOptions(repoRoot, dataDir, dataDir.resolve("cache"), ports, management, infra, Map.of(),
                DEFAULT_JVM_OPTIONS, DEFAULT_READY_TIMEOUT, System.out, distinctFreePort(taken));
    }

    public PlatformOptions withEnv(String name, String value) {
        Map<String, String> env = new LinkedHashMap<>(extraEnv);
        env.put(name, value);
        return new PlatformOptions(repoRoot, dataDir, cacheDir, servicePorts, managementPorts, infraPorts, env, jvmOptions, readyTimeout, out, muxEmulatorPort);
    }

    public PlatformOptions withEnv(Map<String, String> more) {
        Map<String, String> env = new LinkedHashMap<>(extraEnv);
        env.putAll(more);
        return new PlatformOptions(repoRoot, dataDir, cacheDir, servicePorts, managementPorts, infraPorts, env, jvmOptions, readyTimeout, out, muxEmulatorPort);
    }

    public PlatformOptions withJvmOptions(List<String> options) {
        return new PlatformOptions(repoRoot, dataDir, cacheDir, servicePorts, managementPorts, infraPorts, extraEnv, options, readyTimeout, out, muxEmulatorPort);
    }

    public PlatformOptions withReadyTimeout(Duration timeout) {
        return new PlatformOptions(repoRoot, dataDir, cacheDir, servicePorts, managementPorts, infraPorts, extraEnv, jvmOptions, timeout, out, muxEmulatorPort);
    }

    /** Keeps extracted jars somewhere that outlives the data directory (e.g. across test runs). */
    public PlatformOptions withCacheDir(Path dir) {
        return new PlatformOptions(repoRoot, dataDir, dir, servicePorts, managementPorts, infraPorts, extraEnv, jvmOptions, readyTimeout, out, muxEmulatorPort);
    }

    public PlatformOptions withOut(PrintStream stream) {
        return new PlatformOptions(repoRoot, dataDir, cacheDir, servicePorts, managementPorts, infraPorts, extraEnv, jvmOptions, readyTimeout, stream, muxEmulatorPort);
    }

    /** Whether the platform runs the Mux emulator in place of Mux. */
    public boolean emulatesMux() {
        return muxEmulatorPort != null;
    }

    public int port(Service service) {
        return servicePorts.get(service);
    }

    public int managementPort(Service service) {
        return managementPorts.get(service);
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    /** The checkout around {@code start}: the nearest directory upwards holding {@code mvnw} and {@code platform/}. */
    public static Path findRepoRoot(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("platform"))) {
                return dir;
            }
        }
        throw new PlatformStartException("Cannot find the Lectern checkout above " + start
                + "; run from inside it or pass --repo <dir>", 1);
    }

    private static int port(Map<String, String> env, String name, int defaultPort) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return defaultPort;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new PlatformStartException(name + "=" + value + " is not a port number (1-65535)", 1);
        }
    }

    private static int distinctFreePort(Set<Integer> taken) {
        int port;
        do {
            port = Ports.freePort();
        } while (!taken.add(port));
        return port;
    }
}
