package dev.lectern.platform.e2e;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.lectern.platform.e2e.Accounts.registration;
import static dev.lectern.platform.e2e.Accounts.uniqueEmail;
import static dev.lectern.platform.e2e.Accounts.uniqueMobile;
import static dev.lectern.platform.e2e.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

class AuthRegistrationIT {

    private static final String REGISTER = "/api/v1/auth/register";

    @Test
    void registerStudentReturns201WithTheUserAndNoPassword() {
        String email = uniqueEmail();
        String mobile = uniqueMobile();

        Api.Response response = Api.gateway().post(REGISTER, registration(email, mobile, "student"));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode user = response.json();
        assertThat(user.get("id").asString()).isNotBlank();
        assertThat(user.get("email").asString()).isEqualToIgnoringCase(email);
        assertThat(user.get("first_name").asString()).isEqualTo("Ada");
        assertThat(user.get("last_name").asString()).isEqualTo("Lovelace");
        assertThat(user.get("mobile_number").asString()).isEqualTo(mobile);
        assertThat(user.get("date_of_birth").asString()).isEqualTo("1990-12-10");
        assertThat(user.get("role").asString()).isEqualTo("student");
        assertThat(response.body()).doesNotContain(Accounts.PASSWORD).doesNotContainIgnoringCase("password");
    }

    @Test
    void registerInstructorIsAllowed() {
        Api.Response response = Api.gateway().post(REGISTER, registration(uniqueEmail(), uniqueMobile(), "instructor"));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().get("role").asString()).isEqualTo("instructor");
    }

    @Test
    void registerWhenEmailTakenInAnotherCaseThenConflict() {
        String email = uniqueEmail();
        assertThat(Api.gateway().post(REGISTER, registration(email, uniqueMobile(), "student")).status()).isEqualTo(201);

        Api.Response again = Api.gateway().post(REGISTER, registration(email.toUpperCase(), uniqueMobile(), "student"));

        assertProblem(again, 409, "conflict");
    }

    @Test
    void registerWhenMobileTakenThenConflict() {
        String mobile = uniqueMobile();
        assertThat(Api.gateway().post(REGISTER, registration(uniqueEmail(), mobile, "student")).status()).isEqualTo(201);

        Api.Response again = Api.gateway().post(REGISTER, registration(uniqueEmail(), mobile, "instructor"));

        assertProblem(again, 409, "conflict");
    }

    @Test
    void registerAsAdminIsRejected() {
        Api.Response response = Api.gateway().post(REGISTER, registration(uniqueEmail(), uniqueMobile(), "admin"));

        assertProblem(response, 400, "validation");
    }
}
