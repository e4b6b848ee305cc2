package dev.lectern.servicekit;

import dev.lectern.servicekit.problem.LecternProblemHandler;
import dev.lectern.servicekit.problem.ProblemErrorController;
import dev.lectern.servicekit.request.RequestIdFilter;
import dev.lectern.servicekit.security.CurrentUserArgumentResolver;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jakarta.servlet.DispatcherType;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Servlet parts: request ids, problem+json for every error (the {@code /error} page included), {@code CurrentUser} parameters, OpenAPI in snake_case. */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
        "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration"
})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
public class LecternServletWebAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "lecternRequestIdFilter")
    FilterRegistrationBean<RequestIdFilter> lecternRequestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
        return registration;
    }

    @Bean
    @ConditionalOnMissingBean
    LecternProblemHandler lecternProblemHandler() {
        return new LecternProblemHandler();
    }

    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    ProblemErrorController lecternErrorController() {
        return new ProblemErrorController();
    }

    @Bean
    WebMvcConfigurer lecternCurrentUserArguments() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CurrentUserArgumentResolver());
            }
        };
    }

    /** springdoc describes schemas with swagger's own Jackson 2 mapper; give it the API's snake_case names. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ModelResolver.class, OpenAPI.class})
    static class OpenApiConfiguration {

        @Bean
        ModelResolver lecternSnakeCaseModelResolver() {
            return new ModelResolver(Json.mapper().copy()
                    .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE));
        }

        @Bean
        @ConditionalOnMissingBean
        OpenAPI lecternOpenApi() {
            return new OpenAPI()
                    .components(new Components().addSecuritySchemes("bearer", new SecurityScheme()
                            .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                    .addSecurityItem(new SecurityRequirement().addList("bearer"));
        }
    }
}
