package dev.lectern.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code lectern.auth.*}: token lifetimes, key encryption, hashing capacity and the first admin. */
@ConfigurationProperties("lectern.auth")
public record AuthProperties(Duration accessTokenTtl,
                             Duration refreshTokenTtl,
                             Duration refreshFamilyMaxAge,
                             String keyEncryptionSecret,
                             Duration signingKeyCacheTtl,
                             int hashingThreads,
                             int hashingQueue,
                             Admin admin) {

    public AuthProperties {
        accessTokenTtl = accessTokenTtl == null ? Duration.ofMinutes(15) : accessTokenTtl;
        refreshTokenTtl = refreshTokenTtl == null ? Duration.ofDays(14) : refreshTokenTtl;
        refreshFamilyMaxAge = refreshFamilyMaxAge == null ? Duration.ofDays(30) : refreshFamilyMaxAge;
        signingKeyCacheTtl = signingKeyCacheTtl == null ? Duration.ofSeconds(10) : signingKeyCacheTtl;
        hashingThreads = hashingThreads <= 0 ? Runtime.getRuntime().availableProcessors() : hashingThreads;
        hashingQueue = hashingQueue <= 0 ? 64 : hashingQueue;
        admin = admin == null ? new Admin(null, null) : admin;
    }

    /** The account created at start-up if missing ({@code LECTERN_ADMIN_EMAIL}, {@code LECTERN_ADMIN_PASSWORD}). */
    public record Admin(String email, String password) {

        public boolean configured() {
            return email != null && !email.isBlank();
        }

        @Override
        public String toString() {
            return "Admin[email=" + email + ", password=" + (password == null || password.isEmpty() ? "<unset>" : "<set>") + "]";
        }
    }

    @Override
    public String toString() {
        return "AuthProperties[accessTokenTtl=" + accessTokenTtl + ", refreshTokenTtl=" + refreshTokenTtl
                + ", refreshFamilyMaxAge=" + refreshFamilyMaxAge + ", admin=" + admin + "]";
    }
}
