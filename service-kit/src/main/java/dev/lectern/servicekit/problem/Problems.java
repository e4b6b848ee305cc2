package dev.lectern.servicekit.problem;

import dev.lectern.servicekit.request.RequestIds;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** The shape of every Lectern error: RFC 9457 problem details with a {@code https://lectern.dev/problems/<slug>} type. */
public final class Problems {

    public static final String TYPE_PREFIX = "https://lectern.dev/problems/";
    public static final String REQUEST_ID = "request_id";
    public static final String ERRORS = "errors";

    private Problems() {
    }

    public static URI type(String slug) {
        return URI.create(TYPE_PREFIX + slug);
    }

    /** The slug used when nothing more specific applies. */
    public static String slugFor(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 422 -> "unprocessable";
            case 429 -> "rate-limited";
            case 500 -> "internal";
            case 503 -> "unavailable";
            default -> "http-" + status.value();
        };
    }

    public static ProblemDetail create(HttpStatusCode status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(slug));
        problem.setTitle(title);
        return problem;
    }

    public static ProblemDetail validation(String detail, List<FieldViolation> errors) {
        ProblemDetail problem = create(HttpStatusCode.valueOf(400), "validation", "Validation failed", detail);
        problem.setProperty(ERRORS, errors);
        return problem;
    }

    /** Fills in what a problem may lack: a Lectern type for its status and the current request id. */
    public static ProblemDetail complete(ProblemDetail problem) {
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            problem.setType(type(slugFor(HttpStatusCode.valueOf(problem.getStatus()))));
        }
        String requestId = RequestIds.current();
        if (requestId != null && (problem.getProperties() == null || !problem.getProperties().containsKey(REQUEST_ID))) {
            problem.setProperty(REQUEST_ID, requestId);
        }
        return problem;
    }

    /** The JSON object of a problem, for code that writes responses without a message converter (filters). */
    public static Map<String, Object> toMap(ProblemDetail problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        if (problem.getDetail() != null) {
            body.put("detail", problem.getDetail());
        }
        if (problem.getInstance() != null) {
            body.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }
}
