package dev.lectern.servicekit.watchdog;

import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** Any application type: active when {@code LECTERN_PARENT_PID} (property {@code lectern.parent-pid}) is set. */
@AutoConfiguration
@ConditionalOnProperty("lectern.parent-pid")
public class ParentProcessWatchdogAutoConfiguration {

    @Bean
    ParentProcessWatchdog lecternParentProcessWatchdog(Environment environment,
                                                       ConfigurableApplicationContext context) {
        long pid = Long.parseLong(environment.getRequiredProperty("lectern.parent-pid").trim());
        Duration interval = environment.getProperty("lectern.parent-watch-interval", Duration.class,
                Duration.ofSeconds(1));
        return new ParentProcessWatchdog(pid, interval, context);
    }
}
