package dev.pilothouse.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Login, logout and the current user (DESIGN.md contract). */
@RestController
class AuthController {

    private final LoginService logins;
    private final AccountService accounts;

    AuthController(LoginService logins, AccountService accounts) {
        this.logins = logins;
        this.accounts = accounts;
    }

    record LoginRequest(
            @NotBlank(message = "is required") @Size(max = 64, message = "is too long")
            String username,

            @NotBlank(message = "is required") @Size(max = 128, message = "is too long")
            String password) {}

    record Me(UUID id, String username, String displayName, boolean admin) {
        static Me of(User user) {
            return new Me(user.id(), user.username(), user.displayName(), user.admin());
        }
    }

    record PasswordChange(
            @NotBlank(message = "is required") String currentPassword,
            @NotBlank(message = "is required") String newPassword) {}

    @PostMapping("/api/auth/login")
    Me login(@Valid @RequestBody LoginRequest body, HttpServletRequest request, HttpServletResponse response) {
        return Me.of(logins.login(body.username().strip(), body.password(), request, response));
    }

    @PostMapping("/api/auth/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(Authentication authentication, HttpServletRequest request) {
        logins.logout(authentication, request);
    }

    @GetMapping("/api/me")
    Me me(Authentication authentication) {
        return Me.of(accounts.byUsername(authentication.getName()));
    }

    @PostMapping("/api/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changePassword(
            @Valid @RequestBody PasswordChange body, Authentication authentication, HttpServletRequest request) {
        var session = request.getSession(false);
        accounts.changeOwnPassword(
                authentication.getName(),
                body.currentPassword(),
                body.newPassword(),
                session == null ? null : session.getId());
    }
}
