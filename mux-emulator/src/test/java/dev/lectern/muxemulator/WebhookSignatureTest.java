package dev.lectern.muxemulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The Mux-Signature v1 value against test vectors computed independently of this code (Mux's Elixir SDK, Python). */
class WebhookSignatureTest {

    @Test
    void signsLikeMuxForTheElixirSdkVector() {
        assertThat(Webhooks.sign("SuperSecret123", "1565125718", "{\"test\":\"body\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("854ece4c22acef7c66b57d4e504153bc512595e8e9c772ece2a68150548c19a7");
    }

    @Test
    void signsLikeMuxForARealisticBody() {
        String body = "{\"type\":\"video.asset.ready\",\"object\":{\"type\":\"asset\",\"id\":\"A1\"},\"id\":\"evt-1\","
                + "\"data\":{\"id\":\"A1\",\"status\":\"ready\"}}";
        assertThat(Webhooks.sign("test-webhook-secret", "1700000000", body.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("77901dd265e2cd414a8979cbd842817b25ec28747e5c0f7b04a86e08832379b4");
    }
}
