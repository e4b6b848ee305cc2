package dev.lectern.servicekit.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page ({@code /error}) as a problem document: failures that never reach a
 * controller (a filter throwing, the container rejecting a request) look like every other error.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    @RequestMapping("${server.error.path:${error.path:/error}}")
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        HttpStatus status = statusOf(request);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        String detail = status.is5xxServerError()
                ? "An unexpected error occurred. Quote the request id if you report it."
                : status.getReasonPhrase() + ".";
        ProblemDetail problem = Problems.complete(Problems.create(status, Problems.slugFor(status),
                status.is5xxServerError() ? "Internal error" : status.getReasonPhrase(), detail));
        if (uri instanceof String path) {
            problem.setInstance(URI.create(path));
        }
        if (status.is5xxServerError()) {
            log.error("Request to {} failed outside the controllers (request_id={})", uri,
                    problem.getProperties().get(Problems.REQUEST_ID), failure);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static HttpStatus statusOf(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code instanceof Integer value) {
            HttpStatus status = HttpStatus.resolve(value);
            if (status != null && HttpStatusCode.valueOf(value).isError()) {
                return status;
            }
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }
}
