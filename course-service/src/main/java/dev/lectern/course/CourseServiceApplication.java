package dev.lectern.course;

import dev.lectern.servicekit.kafka.DeadLetters;
import dev.lectern.servicekit.security.PublicEndpoints;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
public class CourseServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(CourseServiceApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The catalog and course pages are public; a token, when sent, must still be valid. */
    @Bean
    PublicEndpoints catalogIsPublic() {
        return PublicEndpoints.of(HttpMethod.GET, "/api/v1/courses", "/api/v1/courses/**");
    }

    /** A record that still fails after bounded retries goes to {@code <topic>.dlt} and the consumer moves on. */
    @Bean
    CommonErrorHandler kafkaErrorHandler(KafkaTemplate<String, byte[]> kafka) {
        return DeadLetters.afterBoundedRetries(kafka);
    }
}
