package dev.lectern.auth.entitlement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.auth.enrollment.EnrollmentIntegrationTest;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EntitlementIT extends EnrollmentIntegrationTest {

    private Reply revoke(String token, UUID userId, UUID courseId) {
        return send("DELETE", "/api/v1/admin/entitlements/" + userId + "/" + courseId, null, token);
    }

    @Test
    void premiumCourseNeedsAnEntitlementWhichAnAdminGrants() {
        Caller student = caller("student");
        UUID course = publishedCourse(UUID.randomUUID(), true);

        Reply refused = enroll(student.token(), course);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.text("type")).isEqualTo("https://lectern.dev/problems/entitlement-required");

        Instant before = Instant.now().minusSeconds(1);
        Reply granted = grant(admin().accessToken(), student.id(), course);
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        assertThat(granted.text("user_id")).isEqualTo(student.id().toString());
        assertThat(granted.text("course_id")).isEqualTo(course.toString());
        assertThat(Instant.parse(granted.text("granted_at"))).isAfter(before);

        assertThat(enroll(student.token(), course).status()).isEqualTo(201);
    }

    @Test
    void anEntitlementIsPerStudentAndCourse() {
        Caller entitled = caller("student");
        Caller other = caller("student");
        UUID course = publishedCourse(UUID.randomUUID(), true);
        UUID otherCourse = publishedCourse(UUID.randomUUID(), true);
        assertThat(grant(admin().accessToken(), entitled.id(), course).status()).isEqualTo(201);

        assertThat(enroll(other.token(), course).problemType()).isEqualTo("entitlement-required");
        assertThat(enroll(entitled.token(), otherCourse).problemType()).isEqualTo("entitlement-required");
        assertThat(enroll(entitled.token(), course).status()).isEqualTo(201);
    }

    @Test
    void grantingTwiceAnswers200WithTheFirstGrant() {
        Caller student = caller("student");
        UUID course = UUID.randomUUID();
        String admin = admin().accessToken();
        Reply first = grant(admin, student.id(), course);

        Reply second = grant(admin, student.id(), course);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.text("granted_at")).isEqualTo(first.text("granted_at"));
    }

    @Test
    void grantForAnUnknownUserAnswers404AndBadBodies400() {
        String admin = admin().accessToken();

        Reply unknown = grant(admin, UUID.randomUUID(), UUID.randomUUID());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.problemType()).isEqualTo("not-found");

        Reply malformed = send("POST", "/api/v1/admin/entitlements",
                "{\"user_id\":\"nope\",\"course_id\":\"" + UUID.randomUUID() + "\"}", admin);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.fields()).containsExactly("user_id");
        Reply missing = send("POST", "/api/v1/admin/entitlements", "{\"user_id\":\"" + UUID.randomUUID() + "\"}",
                admin);
        assertThat(missing.fields()).containsExactly("course_id");
        assertThat(revoke(admin, UUID.randomUUID(), null).status()).isEqualTo(400);
    }

    @Test
    void revokingAnswers204AndLeavesAnExistingEnrollmentAlone() {
        Caller student = caller("student");
        UUID course = publishedCourse(UUID.randomUUID(), true);
        String admin = admin().accessToken();
        assertThat(grant(admin, student.id(), course).status()).isEqualTo(201);
        assertThat(enroll(student.token(), course).status()).isEqualTo(201);

        assertThat(revoke(admin, student.id(), course).status()).isEqualTo(204);

        assertThat(get("/api/v1/subscriptions", student.token()).json().path("total_items").asLong()).isEqualTo(1);
        assertThat(revoke(admin, student.id(), course).status()).isEqualTo(204);
        assertThat(unenroll(student.token(), course).status()).isEqualTo(204);
        assertThat(enroll(student.token(), course).problemType()).isEqualTo("entitlement-required");
    }

    @Test
    void nonAdminsCannotGrantOrRevoke() {
        Caller student = caller("student");
        Caller instructor = caller("instructor");
        UUID course = publishedCourse(instructor.id(), true);

        for (String token : new String[] {student.token(), instructor.token()}) {
            Reply granted = grant(token, student.id(), course);
            assertThat(granted.status()).isEqualTo(403);
            assertThat(granted.problemType()).isEqualTo("forbidden");
            assertThat(revoke(token, student.id(), course).status()).isEqualTo(403);
        }
        assertThat(grant(null, student.id(), course).status()).isEqualTo(401);
        assertThat(enroll(student.token(), course).problemType()).isEqualTo("entitlement-required");
    }
}
