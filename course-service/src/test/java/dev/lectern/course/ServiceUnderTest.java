package dev.lectern.course;

import dev.lectern.testkit.KafkaBroker;
import dev.lectern.testkit.ServiceClient;
import dev.lectern.testkit.TestInfrastructure;
import dev.lectern.testkit.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * course-service on the shared real MongoDB and Kafka, with the test token issuer. Every integration test class
 * extends this, so they share one application context (one set of consumer groups on the shared broker).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServiceUnderTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.mongo("course").register(registry);
        TestInfrastructure.kafka().register(registry);
        TestTokens.shared().register(registry);
        registry.add("lectern.outbox.interval", () -> "PT0.05S");
    }

    protected final KafkaBroker kafka = TestInfrastructure.kafka();

    @LocalServerPort
    protected int port;

    @LocalManagementPort
    protected int managementPort;

    protected ServiceClient api;

    /** Actuator: health probes and metrics, on the management port only. */
    protected ServiceClient management;

    @BeforeEach
    protected void connectApi() {
        api = new ServiceClient(port);
        management = new ServiceClient(managementPort);
    }
}
