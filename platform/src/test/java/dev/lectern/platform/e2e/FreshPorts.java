package dev.lectern.platform.e2e;

import dev.lectern.infra.PortInUseException;
import dev.lectern.platform.LocalPlatform;
import dev.lectern.platform.PlatformOptions;
import java.util.function.Supplier;

/**
 * Starts a test platform on freshly picked free ports. A picked port is only known to be free when it is
 * picked; another process on the machine (a second build running beside this one, say) may bind it before our
 * server does. Then the start is tried again on new ports (at most three times). Within one build this no
 * longer happens: port checks open no sockets (see {@code Ports.isFree}).
 */
final class FreshPorts {

    record Started(PlatformOptions options, LocalPlatform platform) {
    }

    private FreshPorts() {
    }

    static Started start(Supplier<PlatformOptions> freshOptions) {
        for (int attempt = 1; ; attempt++) {
            PlatformOptions options = freshOptions.get();
            try {
                return new Started(options, LocalPlatform.start(options));
            } catch (PortInUseException e) {
                if (attempt == 3) {
                    throw e;
                }
                System.err.println("A picked port was taken before the platform bound it (" + e.getMessage()
                        + "); starting again on new ports");
            }
        }
    }
}
