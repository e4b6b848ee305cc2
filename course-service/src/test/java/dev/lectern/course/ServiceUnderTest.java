package dev.lectern.course;

import dev.lectern.testkit.TestInfrastructure;
import dev.lectern.testkit.TestTokens;
import org.springframework.test.context.DynamicPropertyRegistry;

/** course-service's test wiring: the shared real MongoDB and Kafka, and the test token issuer. */
public final class ServiceUnderTest {

    private ServiceUnderTest() {
    }

    public static void wire(DynamicPropertyRegistry registry) {
        TestInfrastructure.mongo("course").register(registry);
        TestInfrastructure.kafka().register(registry);
        TestTokens.shared().register(registry);
        registry.add("lectern.outbox.interval", () -> "PT0.05S");
    }
}
