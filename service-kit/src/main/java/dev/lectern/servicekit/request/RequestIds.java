package dev.lectern.servicekit.request;

import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/** The request id every log line and error carries ({@code X-Request-Id}, MDC key {@code request_id}). */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "request_id";

    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private RequestIds() {
    }

    /** The client's id when it is well-formed, else a fresh UUID. */
    public static String acceptOrCreate(String candidate) {
        if (candidate != null && WELL_FORMED.matcher(candidate).matches()) {
            return candidate;
        }
        return UUID.randomUUID().toString();
    }

    /** The id of the request being handled on this thread, or null outside a request. */
    public static String current() {
        return MDC.get(MDC_KEY);
    }
}
