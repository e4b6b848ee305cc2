package dev.lectern.media.mux;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.lectern.media.mux.MuxException.MuxError;
import dev.lectern.servicekit.problem.LecternProblemHandler;
import java.time.Duration;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What a client of media-service sees when a Mux failure escapes a controller (service-kit problem handler). */
class MuxProblemMappingTest {

    @RestController
    static class FailingController {

        @GetMapping("/rejected")
        void rejected() {
            throw new MuxRejectedException(new MuxError(401, "unauthorized", List.of("Unauthorized request")));
        }

        @GetMapping("/unavailable")
        void unavailable() {
            throw new MuxUnavailableException(new MuxError(429, null, List.of()), Duration.ofMillis(1500), null);
        }

        @GetMapping("/missing")
        void missing() {
            throw new MuxNotFoundException(new MuxError(404, "not_found", List.of("gone")));
        }
    }

    final MockMvc mvc = MockMvcBuilders.standaloneSetup(new FailingController())
            .setControllerAdvice(new LecternProblemHandler())
            .build();

    @Test
    void rejectedByMuxThen502ProblemWithoutMuxMessages() throws Exception {
        mvc.perform(get("/rejected"))
                .andExpect(status().isBadGateway())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://lectern.dev/problems/mux-rejected"))
                .andExpect(content().string(Matchers.not(Matchers.containsString("Unauthorized request"))));
    }

    @Test
    void unavailableThen503ProblemWithRetryAfterInWholeSeconds() throws Exception {
        mvc.perform(get("/unavailable"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "2"))
                .andExpect(jsonPath("$.type").value("https://lectern.dev/problems/mux-unavailable"));
    }

    @Test
    void notFoundAtMuxUnhandledThen404NotFoundProblem() throws Exception {
        mvc.perform(get("/missing"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://lectern.dev/problems/not-found"));
    }
}
