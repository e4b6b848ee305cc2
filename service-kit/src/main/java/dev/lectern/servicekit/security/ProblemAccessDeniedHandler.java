package dev.lectern.servicekit.security;

import dev.lectern.servicekit.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/** 403 as problem+json. */
public class ProblemAccessDeniedHandler implements AccessDeniedHandler {

    private final ProblemWriter writer;

    public ProblemAccessDeniedHandler(JsonMapper mapper) {
        this.writer = new ProblemWriter(mapper);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        writer.write(response, Problems.create(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                "You are not allowed to do this."));
    }
}
