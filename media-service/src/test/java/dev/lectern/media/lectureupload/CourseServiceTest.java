package dev.lectern.media.lectureupload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.client.RestClient;

class CourseServiceTest {

    @Test
    void unreachableCourseServiceIs503() {
        CourseService courses = new CourseService(RestClient.builder(), URI.create("http://127.0.0.1:9"),
                Duration.ofSeconds(2));

        assertThatThrownBy(() -> courses.course(UUID.randomUUID(), "Bearer x"))
                .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
                    assertThat(e.getStatusCode().value()).isEqualTo(503);
                    assertThat(e.getBody().getType().toString()).isEqualTo("https://lectern.dev/problems/unavailable");
                });
    }

    @Test
    void aFailingOrSilentCourseServiceIs502Or503() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/courses/", exchange -> {
            if (exchange.getRequestMethod().equals("POST")) {
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.start();
        try {
            CourseService courses = new CourseService(RestClient.builder(),
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofMillis(500));

            assertThatThrownBy(() -> courses.course(UUID.randomUUID(), "Bearer x"))
                    .isInstanceOfSatisfying(ErrorResponseException.class,
                            e -> assertThat(e.getStatusCode().value()).isEqualTo(502));
            assertThatThrownBy(() -> courses.createLecture(UUID.randomUUID(),
                    new CourseService.LectureFields("t", null, null, null, null), "Bearer x"))
                    .isInstanceOfSatisfying(ErrorResponseException.class,
                            e -> assertThat(e.getStatusCode().value()).isEqualTo(503));
        } finally {
            server.stop(0);
        }
    }
}
