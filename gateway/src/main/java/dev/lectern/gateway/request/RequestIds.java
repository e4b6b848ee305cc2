package dev.lectern.gateway.request;

import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.web.server.ServerWebExchange;

/** The request id contract: a well-formed client value is kept, anything else is replaced by a UUID. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    /** Key in the exchange attributes, the Reactor context and the logging MDC. */
    public static final String KEY = "request_id";
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private RequestIds() {
    }

    static String keepOrGenerate(String clientValue) {
        if (clientValue != null && WELL_FORMED.matcher(clientValue).matches()) {
            return clientValue;
        }
        return UUID.randomUUID().toString();
    }

    /** The id of this exchange, or null before {@link RequestIdFilter} ran. */
    public static String of(ServerWebExchange exchange) {
        return exchange.getAttribute(KEY);
    }
}
