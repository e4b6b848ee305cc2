package dev.lectern.infra;

import java.io.IOException;

/**
 * Starting a server binary that was just written to disk. Linux refuses to exec a file that some process
 * still holds open for writing ("Text file busy"); a process forked by another thread of this JVM at that
 * moment can briefly hold the writer's descriptor. Retrying after a short pause is the usual cure.
 */
final class BinaryLaunch {

    private static final int ATTEMPTS = 5;

    interface Start {
        void run() throws IOException;
    }

    private BinaryLaunch() {
    }

    static void withRetryWhenTextFileBusy(Start start) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                start.run();
                return;
            } catch (IOException e) {
                if (attempt >= ATTEMPTS || !isTextFileBusy(e)) {
                    throw e;
                }
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    static boolean isTextFileBusy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("Text file busy")) {
                return true;
            }
        }
        return false;
    }
}
