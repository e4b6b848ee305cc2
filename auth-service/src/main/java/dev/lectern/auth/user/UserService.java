package dev.lectern.auth.user;

import dev.lectern.servicekit.outbox.Outbox;
import dev.lectern.auth.session.SessionStore;
import dev.lectern.contracts.user.Role;
import dev.lectern.contracts.user.UserDisabled;
import dev.lectern.contracts.user.UserEnabled;
import dev.lectern.contracts.user.UserRegistered;
import dev.lectern.contracts.user.UserRoleChanged;
import dev.lectern.servicekit.problem.ConflictException;
import dev.lectern.servicekit.problem.FieldViolation;
import dev.lectern.servicekit.problem.NotFoundException;
import dev.lectern.servicekit.problem.Problems;
import dev.lectern.servicekit.problem.UnauthorizedException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/** Accounts: registration, profile, the admin's list and changes. Every change writes its event to the outbox. */
@Service
public class UserService {

    /** A page of users, 1-based. */
    public record PageView<T>(List<T> items, int page, int size, long totalItems, int totalPages) {
    }

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final Outbox outbox;
    private final SessionStore sessions;
    private final TransactionTemplate transactions;

    public UserService(UserRepository users, PasswordHasher hasher, Outbox outbox, SessionStore sessions,
                       TransactionTemplate transactions) {
        this.users = users;
        this.hasher = hasher;
        this.outbox = outbox;
        this.sessions = sessions;
        this.transactions = transactions;
    }

    UserView register(RegisterRequest request) {
        if (request.role() == Role.ADMIN) {
            throw invalid("role", "must be instructor or student");
        }
        String hash = hasher.hash(request.password());
        return transactions.execute(status -> create(request.email(), hash, request.firstName().trim(),
                request.lastName().trim(), request.dateOfBirth(), request.mobileNumber(), request.role()));
    }

    /** The start-up admin; false when an account with that email already exists. */
    boolean createAdminIfMissing(String email, String password, String mobileNumber) {
        if (users.emailTaken(UserAccount.normalizeEmail(email))) {
            return false;
        }
        String hash = hasher.hash(password);
        try {
            transactions.execute(status -> create(email, hash, "Lectern", "Administrator", LocalDate.of(1970, 1, 1),
                    mobileNumber, Role.ADMIN));
            return true;
        } catch (ConflictException e) {
            if (users.emailTaken(UserAccount.normalizeEmail(email))) {
                return false; // another replica created it first
            }
            throw e;
        }
    }

    UserView profile(UUID userId) {
        return users.findById(userId)
                .filter(user -> !user.disabled())
                .map(UserView::of)
                .orElseThrow(() -> new UnauthorizedException("This account no longer exists or is disabled."));
    }

    PageView<UserView> list(int page, int size, Role role) {
        PageRequest request = PageRequest.of(page - 1, size, Sort.by("createdAt", "id"));
        Page<UserAccount> found = role == null ? users.findAll(request) : users.findByRole(role, request);
        return new PageView<>(found.map(UserView::of).getContent(), page, size, found.getTotalElements(),
                found.getTotalPages());
    }

    /** Changes role and/or disabled. Disabling ends every session of the user. */
    UserView update(UUID actorId, UUID userId, Role newRole, Boolean disabled) {
        return transactions.execute(status -> {
            UserAccount user = users.findForUpdate(userId)
                    .orElseThrow(() -> new NotFoundException("No user " + userId + "."));
            boolean selfDisable = Boolean.TRUE.equals(disabled);
            boolean selfDemote = newRole != null && newRole != Role.ADMIN;
            if (user.getId().equals(actorId) && (selfDisable || selfDemote)) {
                throw new ConflictException("Admins cannot disable or demote themselves.");
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            if (newRole != null && newRole != user.role()) {
                Role previous = user.role();
                user.changeRole(newRole, now);
                outbox.append(new UserRoleChanged(UUID.randomUUID(), now, userId, previous, newRole));
            }
            if (disabled != null && disabled != user.disabled()) {
                user.changeDisabled(disabled, now);
                if (disabled) {
                    sessions.revokeAllForUser(userId, "user_disabled");
                    outbox.append(new UserDisabled(UUID.randomUUID(), now, userId));
                } else {
                    outbox.append(new UserEnabled(UUID.randomUUID(), now, userId));
                }
            }
            users.flush();
            return UserView.of(user);
        });
    }

    private UserView create(String email, String passwordHash, String firstName, String lastName, LocalDate dateOfBirth,
                            String mobileNumber, Role role) {
        String normalized = UserAccount.normalizeEmail(email);
        if (users.emailTaken(normalized)) {
            throw new ConflictException("An account with this email already exists.");
        }
        if (users.existsByMobileNumber(mobileNumber)) {
            throw new ConflictException("An account with this mobile number already exists.");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UserAccount user = new UserAccount(normalized, passwordHash, firstName, lastName, dateOfBirth, mobileNumber,
                role, now);
        try {
            users.saveAndFlush(user);
        } catch (DataIntegrityViolationException e) {
            String message = String.valueOf(e.getMostSpecificCause().getMessage());
            throw new ConflictException(message.contains("users_mobile_number_uk")
                    ? "An account with this mobile number already exists."
                    : "An account with this email already exists.");
        }
        outbox.append(new UserRegistered(UUID.randomUUID(), now, user.getId(), user.email(), firstName, lastName,
                role));
        return UserView.of(user);
    }

    static ErrorResponseException invalid(String field, String message) {
        return new ErrorResponseException(HttpStatus.BAD_REQUEST,
                Problems.validation("The request has 1 invalid value.", List.of(new FieldViolation(field, message))),
                null);
    }
}
