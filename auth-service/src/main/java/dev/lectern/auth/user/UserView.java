package dev.lectern.auth.user;

import dev.lectern.contracts.user.Role;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A user as clients see it; never the password hash. */
public record UserView(UUID id, String firstName, String lastName, String email, LocalDate dateOfBirth,
                       String mobileNumber, Role role, boolean disabled, Instant createdAt) {

    public static UserView of(UserAccount user) {
        return new UserView(user.getId(), user.firstName(), user.lastName(), user.email(), user.dateOfBirth(),
                user.mobileNumber(), user.role(), user.disabled(), user.createdAt());
    }
}
