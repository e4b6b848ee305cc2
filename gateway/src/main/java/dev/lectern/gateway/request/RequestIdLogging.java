package dev.lectern.gateway.request;

import io.micrometer.context.ContextRegistry;
import org.slf4j.MDC;
import org.springframework.context.annotation.Configuration;

/** Restores the request id from the Reactor context into the MDC wherever the gateway logs. */
@Configuration(proxyBeanMethods = false)
class RequestIdLogging {

    RequestIdLogging() {
        ContextRegistry.getInstance().registerThreadLocalAccessor(RequestIds.KEY,
                () -> MDC.get(RequestIds.KEY),
                value -> MDC.put(RequestIds.KEY, value),
                () -> MDC.remove(RequestIds.KEY));
    }
}
