package dev.lectern.course;

import dev.lectern.servicekit.security.PublicEndpoints;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.util.backoff.ExponentialBackOff;

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
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxAttempts(4);
        return new DefaultErrorHandler(new DeadLetterPublishingRecoverer(kafka,
                (record, e) -> new org.apache.kafka.common.TopicPartition(record.topic() + ".dlt", -1)), backOff);
    }
}
