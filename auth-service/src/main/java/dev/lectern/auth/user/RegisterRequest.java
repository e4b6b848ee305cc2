package dev.lectern.auth.user;

import dev.lectern.contracts.user.Role;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

record RegisterRequest(
        @NotBlank @Size(max = 100) String firstName,
        @NotBlank @Size(max = 100) String lastName,
        @NotBlank @Size(max = 254) @Email(regexp = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$",
                message = "must be a well-formed email address") String email,
        @NotNull @CodePointLength(min = 8, max = 128) String password,
        @NotNull @Past LocalDate dateOfBirth,
        @NotNull @Pattern(regexp = "^\\+[1-9][0-9]{6,14}$",
                message = "must be an international number such as +14155550123") String mobileNumber,
        @NotNull Role role) {

    @Override
    public String toString() {
        return "RegisterRequest[email=" + email + ", role=" + role + "]";
    }
}
