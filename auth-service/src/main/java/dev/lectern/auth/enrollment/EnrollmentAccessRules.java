package dev.lectern.auth.enrollment;

import dev.lectern.servicekit.security.AuthorizationRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

@Configuration(proxyBeanMethods = false)
class EnrollmentAccessRules {

    /** Enrolling is for students; the students of a course are for instructors (their own courses) and admins. */
    @Bean
    AuthorizationRules enrollmentRules() {
        return rules -> rules
                .requestMatchers(HttpMethod.POST, "/api/v1/subscriptions").hasRole("STUDENT")
                .requestMatchers("/api/v1/instructor/**").hasAnyRole("INSTRUCTOR", "ADMIN");
    }
}
