package dev.lectern.auth;

import dev.lectern.testkit.TestInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The real service on a random port, against the shared PostgreSQL and Kafka of testkit; driven over HTTP. */
@SpringBootTest(classes = AuthServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "lectern.auth.admin.email=" + AuthHttpSupport.ADMIN_EMAIL,
                "lectern.auth.admin.password=" + AuthHttpSupport.ADMIN_PASSWORD,
                "lectern.outbox.poll-interval-ms=100"
        })
public abstract class AuthIntegrationTest extends AuthHttpSupport {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.postgres("auth").register(registry);
        TestInfrastructure.kafka().register(registry);
    }
}
