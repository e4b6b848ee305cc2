package dev.lectern.platform.e2e;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks on RFC 9457 answers. */
final class Problems {

    private Problems() {
    }

    /** Asserts status, problem+json content type, matching {@code status} field and the type slug. */
    static JsonNode assertProblem(Api.Response response, int status, String slug) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        JsonNode body = response.json();
        assertThat(body.get("status").asInt()).as(response.toString()).isEqualTo(status);
        assertThat(body.get("type").asString()).as(response.toString()).isEqualTo("https://lectern.dev/problems/" + slug);
        assertThat(response.body()).as("no stack trace").doesNotContain("Exception", "\tat ");
        return body;
    }
}
