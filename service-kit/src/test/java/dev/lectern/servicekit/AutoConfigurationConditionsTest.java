package dev.lectern.servicekit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.servicekit.problem.LecternProblemHandler;
import dev.lectern.servicekit.problem.ProblemErrorController;
import dev.lectern.servicekit.security.JwtProperties;
import dev.lectern.servicekit.security.LecternServletSecurityAutoConfiguration;
import dev.lectern.servicekit.watchdog.ParentProcessWatchdog;
import dev.lectern.servicekit.watchdog.ParentProcessWatchdogAutoConfiguration;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.security.web.SecurityFilterChain;

/** Which parts switch on where: a reactive app (the gateway) gets only the generic ones. */
class AutoConfigurationConditionsTest {

    private static final AutoConfigurations KIT = AutoConfigurations.of(LecternCoreAutoConfiguration.class,
            LecternServletWebAutoConfiguration.class, LecternServletSecurityAutoConfiguration.class,
            ParentProcessWatchdogAutoConfiguration.class);

    @Test
    void reactiveApplicationGetsJwtPropertiesButNoServletParts() {
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(KIT)
                .withPropertyValues("lectern.jwt.jwks-uri=http://auth/.well-known/jwks.json",
                        "lectern.jwt.audience=other-api")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    JwtProperties jwt = context.getBean(JwtProperties.class);
                    assertThat(jwt.jwksUri()).isEqualTo("http://auth/.well-known/jwks.json");
                    assertThat(jwt.audience()).isEqualTo("other-api");
                    assertThat(jwt.issuer()).isEqualTo("lectern-auth");
                    assertThat(jwt.clockSkew()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(context).doesNotHaveBean(LecternProblemHandler.class);
                    assertThat(context).doesNotHaveBean(ProblemErrorController.class);
                    assertThat(context).doesNotHaveBean(SecurityFilterChain.class);
                });
    }

    @Test
    void watchdogStartsOnlyWhenAParentPidIsGiven() {
        new ApplicationContextRunner().withConfiguration(KIT)
                .run(context -> assertThat(context).doesNotHaveBean(ParentProcessWatchdog.class));
        new ApplicationContextRunner().withConfiguration(KIT)
                .withPropertyValues("lectern.parent-pid=" + ProcessHandle.current().pid())
                .run(context -> assertThat(context).hasSingleBean(ParentProcessWatchdog.class));
    }
}
