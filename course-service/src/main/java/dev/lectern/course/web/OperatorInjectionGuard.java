package dev.lectern.course.web;

import dev.lectern.servicekit.problem.BadRequestException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Rejects query parameters shaped like MongoDB operators ({@code category[$ne]=x}, {@code q={"$gt":""}},
 * {@code category=$where}) with a 400. Queries already take every value as a literal; this makes an attempt
 * visible to the client and to monitoring instead of quietly matching nothing.
 */
@Configuration
class OperatorInjectionGuard implements HandlerInterceptor, WebMvcConfigurer {

    private static final Pattern OPERATOR_NAME = Pattern.compile("[$\\[\\]]");
    private static final Pattern OPERATOR_VALUE = Pattern.compile("^\\s*(\\$|[{\\[].*\\$)", Pattern.DOTALL);

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            if (OPERATOR_NAME.matcher(parameter.getKey()).find()) {
                throw new BadRequestException("Query parameter names may not contain '$', '[' or ']'.");
            }
            for (String value : parameter.getValue()) {
                if (OPERATOR_VALUE.matcher(value).find()) {
                    throw new BadRequestException("Query parameter " + parameter.getKey()
                            + " looks like a database operator; send plain text.");
                }
            }
        }
        return true;
    }
}
