package dev.lectern.auth.token;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Makes sure a signing key exists before the service reports ready. */
@Component
@Order(0)
class SigningKeyInitializer implements ApplicationRunner {

    private final SigningKeyStore keys;

    SigningKeyInitializer(SigningKeyStore keys) {
        this.keys = keys;
    }

    @Override
    public void run(ApplicationArguments args) {
        keys.ensureActiveKey();
    }
}
