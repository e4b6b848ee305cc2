package dev.lectern.auth.user;

import dev.lectern.contracts.user.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;
import org.springframework.data.domain.Persistable;

/** An account. The email is kept normalized (trimmed, lower case). */
@Entity
@Table(name = "users")
public class UserAccount implements Persistable<UUID> {

    @Id
    private UUID id;
    private String email;
    @Column(name = "password_hash")
    private String passwordHash;
    private String firstName;
    private String lastName;
    private LocalDate dateOfBirth;
    private String mobileNumber;
    @Convert(converter = RoleAttributeConverter.class)
    private Role role;
    private boolean disabled;
    private Instant createdAt;
    private Instant updatedAt;

    @Transient
    private boolean fresh;

    protected UserAccount() {
    }

    UserAccount(String email, String passwordHash, String firstName, String lastName, LocalDate dateOfBirth,
                String mobileNumber, Role role, Instant now) {
        this.id = UUID.randomUUID();
        this.email = normalizeEmail(email);
        this.passwordHash = passwordHash;
        this.firstName = firstName;
        this.lastName = lastName;
        this.dateOfBirth = dateOfBirth;
        this.mobileNumber = mobileNumber;
        this.role = role;
        this.createdAt = now;
        this.updatedAt = now;
        this.fresh = true;
    }

    public static String normalizeEmail(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    void changeRole(Role newRole, Instant now) {
        this.role = newRole;
        this.updatedAt = now;
    }

    void changeDisabled(boolean newDisabled, Instant now) {
        this.disabled = newDisabled;
        this.updatedAt = now;
    }

    @Override
    public UUID getId() {
        return id;
    }

    @Override
    public boolean isNew() {
        return fresh;
    }

    @PostLoad
    @PostPersist
    void markStored() {
        this.fresh = false;
    }

    public String email() {
        return email;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public String firstName() {
        return firstName;
    }

    public String lastName() {
        return lastName;
    }

    public LocalDate dateOfBirth() {
        return dateOfBirth;
    }

    public String mobileNumber() {
        return mobileNumber;
    }

    public Role role() {
        return role;
    }

    public boolean disabled() {
        return disabled;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
