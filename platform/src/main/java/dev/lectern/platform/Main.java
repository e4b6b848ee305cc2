package dev.lectern.platform;

import dev.lectern.infra.PortInUseException;
import dev.lectern.platform.bench.Benchmark;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar lectern-platform.jar up [--data-dir D] [--repo R] [--seed]}: runs the platform in the
 * foreground until Ctrl-C; {@code --seed} adds a demo course with a playable lecture ({@link DemoSeed}). {@code bench [...]}: runs the benchmark (see {@link Benchmark}).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        List<String> rest = new ArrayList<>(List.of(args));
        String command = rest.isEmpty() ? "up" : rest.removeFirst();
        try {
            Path repo = Path.of(option(rest, "--repo", System.getProperty("user.dir")));
            String dataDir = option(rest, "--data-dir", null);
            Path repoRoot = PlatformOptions.findRepoRoot(repo);
            Path data = dataDir == null ? repoRoot.resolve(".lectern-data") : Path.of(dataDir).toAbsolutePath().normalize();
            System.setProperty("lectern.log.dir", data.resolve("logs").toString());
            LoggerFactory.getLogger(Main.class); // logging set up once, before the servers start in parallel
            switch (command) {
                case "up" -> {
                    boolean seed = rest.remove("--seed");
                    up(PlatformOptions.fromEnvironment(repoRoot, data, System.getenv()), seed);
                }
                case "bench" -> System.exit(Benchmark.run(repoRoot, data, rest));
                default -> {
                    System.err.println("Usage: lectern up [--data-dir D] [--seed] | lectern bench [--help]");
                    System.exit(64);
                }
            }
        } catch (PlatformStartException e) {
            System.err.println(e.getMessage());
            System.exit(e.exitCode());
        } catch (PortInUseException e) {
            System.err.println(e.getMessage() + " Everything started was stopped.");
            System.exit(2);
        }
    }

    private static void up(PlatformOptions options, boolean seed) {
        LocalPlatform platform = LocalPlatform.start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("Stopping Lectern...")));
        String gateway = "http://localhost:" + options.port(Service.GATEWAY);
        System.out.printf("%nLectern is up in %.1f s%n", platform.elapsedSeconds());
        System.out.println("  gateway    " + gateway);
        System.out.println("  API docs   " + gateway + "/docs");
        for (Service s : Service.values()) {
            if (s != Service.GATEWAY) {
                System.out.printf("  %-16s http://localhost:%d (pid %d)%n", s.id(), options.port(s), platform.pid(s));
            }
        }
        System.out.println("  metrics    http://localhost:<management port>/actuator/prometheus, management ports "
                + java.util.Arrays.stream(Service.values()).map(s -> s.id() + " " + options.managementPort(s)).toList());
        System.out.println(platform.muxEmulator()
                .map(m -> "  Mux        emulator at " + m.baseUrl() + " (set MUX_TOKEN_ID and MUX_TOKEN_SECRET to use Mux)")
                .orElse("  Mux        the real Mux (MUX_TOKEN_ID is set)"));
        System.out.println("  logs       " + options.logDir());
        if (seed) {
            new DemoSeed(platform.gatewayUrl(), options.repoRoot(), System.out).run();
        }
        System.out.println("Ctrl-C stops everything.");
        watch(platform);
    }

    /** Reports a service that dies while the platform runs; blocks until the JVM shuts down. */
    private static void watch(LocalPlatform platform) {
        List<Service> reported = new ArrayList<>();
        CountDownLatch never = new CountDownLatch(1);
        while (true) {
            for (Service s : Service.values()) {
                if (!reported.contains(s) && !platform.isAlive(s) && !platform.isStopping()) {
                    reported.add(s);
                    System.err.println(s.id() + " stopped unexpectedly; see " + platform.logFile(s));
                }
            }
            try {
                never.await(2, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    static String option(List<String> args, String name, String defaultValue) {
        int i = args.indexOf(name);
        if (i < 0) {
            return defaultValue;
        }
        if (i + 1 >= args.size()) {
            throw new PlatformStartException(name + " needs a value", 64);
        }
        String value = args.get(i + 1);
        args.remove(i + 1);
        args.remove(i);
        return value;
    }
}
