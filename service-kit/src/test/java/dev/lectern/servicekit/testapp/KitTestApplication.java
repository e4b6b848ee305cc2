package dev.lectern.servicekit.testapp;

import dev.lectern.contracts.user.Role;
import dev.lectern.servicekit.problem.NotFoundException;
import dev.lectern.servicekit.security.CurrentUser;
import dev.lectern.servicekit.security.PublicEndpoints;
import dev.lectern.servicekit.tracing.TraceParent;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MultipartFile;

/** A minimal service on the kit, for the kit's own tests. */
@SpringBootApplication(excludeName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
public class KitTestApplication {

    @Bean
    PublicEndpoints publicThings() {
        return PublicEndpoints.of("/public/**");
    }

    /** A filter that fails before any controller runs. */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> failingFilter() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (request.getRequestURI().equals("/public/filter-boom")) {
                    throw new IllegalStateException("filter internals: secret=hunter2");
                }
                if (request.getRequestURI().equals("/public/teapot")) {
                    response.sendError(418);
                    return;
                }
                chain.doFilter(request, response);
            }
        });
        registration.setOrder(0);
        return registration;
    }

    public record CreateThing(@NotBlank @Size(max = 10) String displayName,
                              @NotNull @Min(1) Integer itemCount,
                              Role ownerRole,
                              LocalDate startDate) {
    }

    @RestController
    static class ThingController {

        @PostMapping("/public/things")
        @ResponseStatus(HttpStatus.CREATED)
        CreateThing create(@Valid @RequestBody CreateThing thing) {
            return thing;
        }

        @GetMapping("/public/things")
        Map<String, Integer> list(@RequestParam(name = "page", defaultValue = "1") @Min(1) int page,
                                  @RequestParam(name = "page_size", defaultValue = "20") @Max(100) int pageSize) {
            return Map.of("page", page, "page_size", pageSize);
        }

        @GetMapping("/public/things/{id}")
        CreateThing get(@PathVariable("id") UUID id) {
            throw new NotFoundException("No thing " + id + ".");
        }

        /** The trace this request is handled in, as the outbox would store it. */
        @GetMapping("/public/trace")
        Map<String, String> trace() {
            return Map.of("traceparent", String.valueOf(TraceParent.current()));
        }

        @GetMapping("/public/boom")
        String boom() {
            throw new IllegalStateException("db password is hunter2");
        }

        @PostMapping(path = "/public/upload", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
        Map<String, Long> upload(@RequestPart("file") MultipartFile file) {
            return Map.of("size", file.getSize());
        }

        @GetMapping("/me")
        CurrentUser me(CurrentUser user) {
            return user;
        }

        @GetMapping("/admin/things")
        @PreAuthorize("hasRole('ADMIN')")
        List<String> adminThings() {
            return List.of("secret");
        }
    }
}
