package dev.pilothouse.auth;

import dev.pilothouse.audit.AuditEvent;
import dev.pilothouse.audit.AuditLog;
import dev.pilothouse.audit.AuditOutcome;
import dev.pilothouse.platform.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating and changing accounts. Every change is audited, and the rules that keep the
 * installation usable are enforced here: usernames are unique ignoring case, and the last active
 * administrator cannot be demoted or disabled.
 */
@Service
public class AccountService {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final AuditLog audit;
    private final AuthProperties properties;
    private final ObjectProvider<FindByIndexNameSessionRepository<?>> sessions;
    private final LoginThrottle throttle;

    AccountService(
            UserRepository users,
            PasswordEncoder encoder,
            AuditLog audit,
            AuthProperties properties,
            ObjectProvider<FindByIndexNameSessionRepository<?>> sessions,
            LoginThrottle throttle) {
        this.users = users;
        this.encoder = encoder;
        this.audit = audit;
        this.properties = properties;
        this.sessions = sessions;
        this.throttle = throttle;
    }

    public List<User> list() {
        return users.findAll();
    }

    public User get(UUID id) {
        return users.findById(id)
                .orElseThrow(() -> ApiException.notFound("user_not_found", "There is no user with id " + id + "."));
    }

    public User byUsername(String username) {
        return users.findByUsername(username)
                .orElseThrow(() -> ApiException.notFound("user_not_found", "There is no user '" + username + "'."));
    }

    @Transactional
    public User create(String actor, String username, String password, String displayName, boolean admin) {
        if (!USERNAME.matcher(username).matches()) {
            throw ApiException.badRequest(
                    "invalid_username",
                    "A username is 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit.");
        }
        checkPassword(password);
        UUID id = UUID.randomUUID();
        String name = displayName == null || displayName.isBlank() ? username : displayName.strip();
        if (!users.insert(id, username, name, encoder.encode(password), admin)) {
            throw ApiException.conflict("username_taken", "The username '" + username + "' is already taken.");
        }
        audit.record(AuditEvent.of(actor, "user.create", username, AuditOutcome.SUCCESS)
                .withDetails(Map.of("admin", admin)));
        return get(id);
    }

    /** Applies the non-null fields of a change. */
    @Transactional
    public User update(String actor, UUID id, String displayName, Boolean admin, Boolean disabled) {
        User user = get(id);
        boolean willBeActiveAdmin =
                (admin != null ? admin : user.admin()) && !(disabled != null ? disabled : user.disabled());
        boolean isActiveAdmin = user.admin() && !user.disabled();
        if (isActiveAdmin && !willBeActiveAdmin) {
            if (user.username().equalsIgnoreCase(actor)) {
                throw ApiException.conflict(
                        "cannot_demote_self", "You cannot remove your own administrator rights or disable yourself.");
            }
            if (users.lockActiveAdmins() <= 1) {
                throw ApiException.conflict(
                        "last_admin",
                        "'" + user.username() + "' is the last active administrator; make another"
                                + " user an administrator first.");
            }
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        String newName = displayName == null ? user.displayName() : displayName.strip();
        if (!newName.equals(user.displayName())) changes.put("displayName", newName);
        if (admin != null && admin != user.admin()) changes.put("admin", admin);
        if (disabled != null && disabled != user.disabled()) changes.put("disabled", disabled);
        if (changes.isEmpty()) {
            return user;
        }
        users.update(id, newName, admin != null ? admin : user.admin(), disabled != null ? disabled : user.disabled());
        String action = Boolean.TRUE.equals(changes.get("disabled"))
                ? "user.disable"
                : Boolean.FALSE.equals(changes.get("disabled")) ? "user.enable" : "user.update";
        audit.record(AuditEvent.of(actor, action, user.username(), AuditOutcome.SUCCESS)
                .withDetails(changes));
        if (Boolean.TRUE.equals(changes.get("disabled")) || Boolean.FALSE.equals(changes.get("admin"))) {
            // A disabled or demoted user must not keep acting through a session opened before.
            endSessions(user.username());
        }
        return get(id);
    }

    @Transactional
    public void resetPassword(String actor, UUID id, String password) {
        User user = get(id);
        checkPassword(password);
        users.updatePassword(id, encoder.encode(password));
        audit.record(AuditEvent.of(actor, "user.password_reset", user.username(), AuditOutcome.SUCCESS));
        if (!user.username().equalsIgnoreCase(actor)) {
            endSessions(user.username());
        }
    }

    /**
     * A user changes their own password. Guesses of the current one count against the same limit
     * as logins (someone holding a stolen session cannot guess it online), each wrong one is
     * audited, and a change ends the user's other sessions.
     */
    @Transactional(noRollbackFor = ApiException.class) // the audit row of a wrong guess stays
    public void changeOwnPassword(
            String username, String currentPassword, String newPassword, String currentSessionId) {
        var credentials = users.credentials(username)
                .orElseThrow(() -> ApiException.unauthorized("unauthenticated", "Log in first."));
        long claim = throttle.claimAttempt(username, LoginThrottle.currentAddress());
        if (!encoder.matches(currentPassword, credentials.passwordHash())) {
            audit.record(AuditEvent.of(username, "user.password_change", username, AuditOutcome.FAILURE)
                    .withDetails(Map.of("reason", "current password wrong")));
            throw ApiException.badRequest("wrong_password", "The current password is not correct.");
        }
        throttle.succeeded(username, LoginThrottle.currentAddress(), claim);
        checkPassword(newPassword);
        users.updatePassword(byUsername(username).id(), encoder.encode(newPassword));
        audit.record(AuditEvent.of(username, "user.password_change", username, AuditOutcome.SUCCESS));
        endSessions(username, currentSessionId);
    }

    /** Creates the first administrator when there are no users. @return whether it was created */
    boolean createFirstAdmin(String password) {
        if (users.count() > 0) {
            return false;
        }
        boolean created = users.insert(UUID.randomUUID(), "admin", "Administrator", encoder.encode(password), true);
        if (created) {
            audit.record(AuditEvent.of("system", "user.create", "admin", AuditOutcome.SUCCESS)
                    .withDetails(Map.of("admin", true, "bootstrap", true)));
        }
        return created;
    }

    static final int MAX_PASSWORD_BYTES = 72;

    private void checkPassword(String password) {
        if (password == null || password.length() < properties.minPasswordLength()) {
            throw ApiException.badRequest(
                    "weak_password", "A password needs at least " + properties.minPasswordLength() + " characters.");
        }
        // bcrypt reads at most 72 bytes; longer passwords are refused rather than cut silently.
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw ApiException.badRequest(
                    "weak_password",
                    "A password can have at most " + MAX_PASSWORD_BYTES
                            + " bytes: 72 plain letters, digits or punctuation, fewer with accented letters or other symbols.");
        }
    }

    private void endSessions(String username) {
        endSessions(username, null);
    }

    /** Ends every session of {@code username} but {@code keep} (null: all of them). */
    private void endSessions(String username, String keep) {
        FindByIndexNameSessionRepository<?> repository = sessions.getIfAvailable();
        if (repository != null) {
            repository.findByPrincipalName(username).keySet().stream()
                    .filter(id -> !id.equals(keep))
                    .forEach(repository::deleteById);
        }
    }
}
