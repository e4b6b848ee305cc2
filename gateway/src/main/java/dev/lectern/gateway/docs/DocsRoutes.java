package dev.lectern.gateway.docs;

import java.net.URI;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

/**
 * {@code /docs} leads to the Swagger UI (springdoc, under {@code /docs/swagger-ui/}), which lists one OpenAPI
 * document per service, each fetched through a gateway route ({@code /v3/api-docs/<service>}).
 */
@Configuration(proxyBeanMethods = false)
class DocsRoutes {

    @Bean
    RouterFunction<ServerResponse> docsEntry() {
        return RouterFunctions.route(GET("/docs").or(GET("/docs/")),
                request -> ServerResponse.temporaryRedirect(URI.create("/docs/swagger-ui.html")).build());
    }
}
