package dev.pilothouse.auth;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Admin REST for accounts: list, create, change (display name, admin, disabled), reset password. */
@RestController
@RequestMapping("/api/users")
@PreAuthorize("hasRole('ADMIN')")
class UserAdminController {

    private final AccountService accounts;

    UserAdminController(AccountService accounts) {
        this.accounts = accounts;
    }

    record CreateUser(
            @NotBlank(message = "is required") String username,
            @NotBlank(message = "is required") String password,
            @Size(max = 200, message = "is too long") String displayName,
            Boolean admin) {}

    record UpdateUser(
            @Size(max = 200, message = "is too long") String displayName, Boolean admin, Boolean disabled) {}

    record ResetPassword(@NotBlank(message = "is required") String password) {}

    @GetMapping
    List<User> list() {
        return accounts.list();
    }

    @GetMapping("/{id}")
    User get(@PathVariable UUID id) {
        return accounts.get(id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    User create(@Valid @RequestBody CreateUser body, Authentication actor) {
        return accounts.create(
                actor.getName(),
                body.username().strip(),
                body.password(),
                body.displayName(),
                Boolean.TRUE.equals(body.admin()));
    }

    @PatchMapping("/{id}")
    User update(@PathVariable UUID id, @Valid @RequestBody UpdateUser body, Authentication actor) {
        return accounts.update(actor.getName(), id, body.displayName(), body.admin(), body.disabled());
    }

    @PostMapping("/{id}/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void resetPassword(@PathVariable UUID id, @Valid @RequestBody ResetPassword body, Authentication actor) {
        accounts.resetPassword(actor.getName(), id, body.password());
    }
}
