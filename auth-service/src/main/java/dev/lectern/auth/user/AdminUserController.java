package dev.lectern.auth.user;

import dev.lectern.contracts.user.Role;
import dev.lectern.servicekit.security.CurrentUser;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Admin only: the URL rule for {@code /api/v1/admin/**} answers 403 to everyone else. */
@RestController
@RequestMapping("/api/v1/admin/users")
class AdminUserController {

    record UpdateUserRequest(Role role, Boolean disabled) {
    }

    private final UserService users;

    AdminUserController(UserService users) {
        this.users = users;
    }

    @GetMapping
    UserService.PageView<UserView> list(@RequestParam(name = "page", defaultValue = "1") @Min(1) int page,
                                        @RequestParam(name = "size", defaultValue = "20") @Min(1) @Max(100) int size,
                                        @RequestParam(name = "role", required = false) Role role) {
        return users.list(page, size, role);
    }

    @PatchMapping("/{id}")
    UserView update(@PathVariable("id") UUID id, @RequestBody UpdateUserRequest request, CurrentUser caller) {
        if (request.role() == null && request.disabled() == null) {
            throw UserService.invalid("role", "give role, disabled or both");
        }
        return users.update(caller.id(), id, request.role(), request.disabled());
    }
}
