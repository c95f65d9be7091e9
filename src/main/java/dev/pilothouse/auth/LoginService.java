package dev.pilothouse.auth;

import dev.pilothouse.audit.AuditEvent;
import dev.pilothouse.audit.AuditLog;
import dev.pilothouse.audit.AuditOutcome;
import dev.pilothouse.platform.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Map;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.stereotype.Service;

/**
 * Checks a password, opens a session, and records the attempt either way. A wrong username, a
 * wrong password and a disabled account get the same answer, so the API does not reveal which
 * accounts exist; the audit log keeps the real reason.
 */
@Service
class LoginService {

    private final AuthenticationManager authentication;
    private final SecurityContextRepository contexts;
    private final LoginThrottle throttle;
    private final UserRepository users;
    private final AuditLog audit;
    private final CsrfTokenRepository csrfTokens;

    LoginService(
            AuthenticationManager authentication,
            SecurityContextRepository contexts,
            LoginThrottle throttle,
            UserRepository users,
            AuditLog audit,
            CsrfTokenRepository csrfTokens) {
        this.csrfTokens = csrfTokens;
        this.authentication = authentication;
        this.contexts = contexts;
        this.throttle = throttle;
        this.users = users;
        this.audit = audit;
    }

    User login(String username, String password, HttpServletRequest request, HttpServletResponse response) {
        if (username.indexOf('\0') >= 0) {
            // No username holds a NUL, and PostgreSQL text cannot store one: not worth a database error.
            throw ApiException.unauthorized("invalid_credentials", "Wrong username or password.");
        }
        long claim;
        try {
            claim = throttle.claimAttempt(username, request.getRemoteAddr());
        } catch (ApiException.TooManyRequests e) {
            audit.record(AuditEvent.of(username, "auth.login", username, AuditOutcome.DENIED)
                    .withDetails(Map.of("reason", "too many failed logins")));
            throw e;
        }
        Authentication authenticated;
        try {
            // No password can be longer than bcrypt reads; bcrypt would ignore the rest and let
            // "the password + anything" in.
            if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > AccountService.MAX_PASSWORD_BYTES) {
                throw new BadCredentialsException("longer than any password");
            }
            authenticated = authentication.authenticate(
                    UsernamePasswordAuthenticationToken.unauthenticated(username, password));
        } catch (AuthenticationException e) {
            // The claimed attempt stays: it is this failure's record.
            audit.record(AuditEvent.of(username, "auth.login", username, AuditOutcome.FAILURE)
                    .withDetails(Map.of("reason", e.getClass().getSimpleName())));
            throw ApiException.unauthorized("invalid_credentials", "Wrong username or password.");
        }
        // A fresh session id on login, so a session id planted before login is worthless.
        HttpSession previous = request.getSession(false);
        if (previous != null) {
            previous.invalidate();
        }
        request.getSession(true);
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authenticated);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        // A fresh CSRF token too: one planted or read before login is worthless after it.
        csrfTokens.saveToken(csrfTokens.generateToken(request), request, response);

        throttle.succeeded(username, request.getRemoteAddr(), claim);
        users.touchLastLogin(authenticated.getName());
        audit.record(
                AuditEvent.of(authenticated.getName(), "auth.login", authenticated.getName(), AuditOutcome.SUCCESS));
        return users.findByUsername(authenticated.getName()).orElseThrow();
    }

    void logout(Authentication current, HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        if (current != null) {
            audit.record(AuditEvent.of(current.getName(), "auth.logout", current.getName(), AuditOutcome.SUCCESS));
        }
    }
}
