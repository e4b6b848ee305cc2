package dev.lectern.muxemulator;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator on its own, configured from the environment:
 * {@code MUX_EMULATOR_PORT} (18080), {@code MUX_TOKEN_ID}, {@code MUX_TOKEN_SECRET} (dev values),
 * {@code MUX_EMULATOR_WEBHOOK_URL} (webhook-service on 8084; empty sends none), {@code MUX_WEBHOOK_SECRET}
 * (the local webhook secret), {@code MUX_EMULATOR_DATA_DIR} ({@code ./.mux-emulator}).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        MuxEmulatorSettings settings = MuxEmulatorSettings.builder()
                .port(Integer.parseInt(env("MUX_EMULATOR_PORT", "18080")))
                .tokenId(env("MUX_TOKEN_ID", MuxEmulatorSettings.DEFAULT_TOKEN_ID))
                .tokenSecret(env("MUX_TOKEN_SECRET", MuxEmulatorSettings.DEFAULT_TOKEN_SECRET))
                .webhookUrl(env("MUX_EMULATOR_WEBHOOK_URL", "http://localhost:8084/webhooks/mux"))
                .webhookSecret(env("MUX_WEBHOOK_SECRET", MuxEmulatorSettings.DEFAULT_WEBHOOK_SECRET))
                .dataDirectory(Path.of(env("MUX_EMULATOR_DATA_DIR", ".mux-emulator")))
                .build();
        MuxEmulator emulator = MuxEmulator.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "mux-emulator-shutdown"));
        System.out.println("Mux emulator at " + emulator.baseUrl() + " (stream " + emulator.streamBaseUrl()
                + ", image " + emulator.imageBaseUrl() + ", license " + emulator.licenseBaseUrl() + ")");
        stopped.await();
    }

    /** The variable, or the default when unset; MUX_EMULATOR_WEBHOOK_URL set to empty means no webhooks. */
    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        if (value == null) {
            return fallback;
        }
        return value.isBlank() && !name.equals("MUX_EMULATOR_WEBHOOK_URL") ? fallback : value.strip();
    }
}
