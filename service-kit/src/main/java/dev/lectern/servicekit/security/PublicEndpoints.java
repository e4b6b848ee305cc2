package dev.lectern.servicekit.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpMethod;

/**
 * Paths a service serves without a token. Declare one or more as beans:
 * <pre>{@code
 * @Bean PublicEndpoints authPublicEndpoints() {
 *     return PublicEndpoints.of(HttpMethod.POST, "/api/v1/auth/login", "/api/v1/auth/register")
 *             .and(HttpMethod.GET, "/.well-known/jwks.json");
 * }
 * }</pre>
 * Patterns are Spring {@code PathPattern}s. A request to a public path that carries a bad token is still
 * rejected with 401.
 */
public final class PublicEndpoints {

    /** One rule: a method (null = any) and its patterns. */
    public record Rule(HttpMethod method, List<String> patterns) {
    }

    private final List<Rule> rules;

    private PublicEndpoints(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static PublicEndpoints of(String... patterns) {
        return new PublicEndpoints(List.of(new Rule(null, List.of(patterns))));
    }

    public static PublicEndpoints of(HttpMethod method, String... patterns) {
        return new PublicEndpoints(List.of(new Rule(method, List.of(patterns))));
    }

    public PublicEndpoints and(HttpMethod method, String... patterns) {
        List<Rule> more = new ArrayList<>(rules);
        more.add(new Rule(method, List.of(patterns)));
        return new PublicEndpoints(more);
    }

    public List<Rule> rules() {
        return rules;
    }
}
