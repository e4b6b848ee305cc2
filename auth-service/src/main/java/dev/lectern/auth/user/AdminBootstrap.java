package dev.lectern.auth.user;

import dev.lectern.auth.AuthProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Creates the first admin from {@code LECTERN_ADMIN_EMAIL} / {@code LECTERN_ADMIN_PASSWORD} if it is missing. */
@Component
@Order(1)
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final UserService users;
    private final AuthProperties.Admin admin;
    private final String mobileNumber;

    AdminBootstrap(UserService users, AuthProperties properties,
                   @Value("${LECTERN_ADMIN_MOBILE:+10000000000}") String mobileNumber) {
        this.users = users;
        this.admin = properties.admin();
        this.mobileNumber = mobileNumber;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!admin.configured()) {
            log.info("LECTERN_ADMIN_EMAIL is not set: no admin account is created at start-up");
            return;
        }
        String password = admin.password();
        if (password == null || password.isEmpty()) {
            throw new IllegalStateException("LECTERN_ADMIN_EMAIL is set but LECTERN_ADMIN_PASSWORD is not");
        }
        long length = password.codePoints().count();
        if (length < 8 || length > 128) {
            throw new IllegalStateException("LECTERN_ADMIN_PASSWORD must be 8 to 128 characters");
        }
        if (users.createAdminIfMissing(admin.email(), password, mobileNumber)) {
            log.info("Created admin account {}", admin.email());
        } else {
            log.info("Admin account {} already exists", admin.email());
        }
    }
}
