package dev.pilothouse.rbac;

import dev.pilothouse.audit.AuditEvent;
import dev.pilothouse.audit.AuditLog;
import dev.pilothouse.audit.AuditOutcome;
import dev.pilothouse.auth.AccountService;
import dev.pilothouse.auth.User;
import dev.pilothouse.platform.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Managing roles and bindings: validated, audited, and followed by a fresh decision (the engine's
 * cache is cleared when the change commits). Built-in roles are read-only here.
 */
@Service
class RbacAdmin {

    private final RbacRepository repository;
    private final RbacEngine engine;
    private final AccountService accounts;
    private final AuditLog audit;

    RbacAdmin(RbacRepository repository, RbacEngine engine, AccountService accounts, AuditLog audit) {
        this.repository = repository;
        this.engine = engine;
        this.accounts = accounts;
        this.audit = audit;
    }

    // ------------------------------------------------------------------ roles

    List<Role> roles() {
        return repository.roles();
    }

    Role role(UUID id) {
        return repository
                .role(id)
                .orElseThrow(() -> ApiException.notFound("role_not_found", "There is no role with id " + id + "."));
    }

    @Transactional
    Role createRole(String actor, String name, String description, List<Rule> rules) {
        validate(name, description, rules);
        UUID id = UUID.randomUUID();
        if (!repository.insertRole(id, name, description(description), false, rules)) {
            throw nameTaken(name);
        }
        audit.record(AuditEvent.of(actor, "rbac.role.create", name, AuditOutcome.SUCCESS)
                .withDetails(Map.of("rules", rules)));
        return role(id);
    }

    @Transactional
    Role updateRole(String actor, UUID id, String name, String description, List<Rule> rules) {
        Role role = role(id);
        refuseBuiltin(role, "changed");
        validate(name, description, rules);
        if (!name.equals(role.name()) && repository.roleByName(name).isPresent()) {
            throw nameTaken(name);
        }
        repository.updateRole(id, name, description(description), false, rules);
        Map<String, Object> details = new LinkedHashMap<>();
        if (!name.equals(role.name())) details.put("renamedFrom", role.name());
        details.put("rules", rules);
        audit.record(AuditEvent.of(actor, "rbac.role.update", name, AuditOutcome.SUCCESS)
                .withDetails(details));
        engine.invalidate();
        return role(id);
    }

    @Transactional
    void deleteRole(String actor, UUID id) {
        Role role = role(id);
        refuseBuiltin(role, "deleted");
        long bindings = repository.countBindingsOf(id);
        if (bindings > 0) {
            // Deleting would silently take access away from people; make the admin do that knowingly.
            throw ApiException.conflict(
                    "role_in_use",
                    "Role %s is still bound %d time%s; delete those bindings first (GET /api/rbac/bindings)."
                            .formatted(role.name(), bindings, bindings == 1 ? "" : "s"));
        }
        repository.deleteRole(id);
        audit.record(AuditEvent.of(actor, "rbac.role.delete", role.name(), AuditOutcome.SUCCESS)
                .withDetails(Map.of("rules", role.rules())));
        engine.invalidate();
    }

    // ------------------------------------------------------------------ bindings

    List<RoleBinding> bindings(UUID userId) {
        if (userId != null) accounts.get(userId); // 404 user_not_found rather than an empty list
        return repository.bindings(userId);
    }

    @Transactional
    RoleBinding createBinding(String actor, UUID userId, UUID roleId, List<String> clusters, List<String> namespaces) {
        var check = new RuleValidation();
        check.require("userId", userId);
        check.require("roleId", roleId);
        List<String> clusterScope = check.scope("clusters", clusters);
        List<String> namespaceScope = check.scope("namespaces", namespaces);
        check.throwIfInvalid();
        User user = accounts.get(userId);
        Role role = role(roleId);
        UUID id = UUID.randomUUID();
        if (!repository.insertBinding(id, userId, roleId, clusterScope, namespaceScope)) {
            throw ApiException.conflict(
                    "binding_exists",
                    "%s already has role %s on clusters %s, namespaces %s."
                            .formatted(user.username(), role.name(), clusterScope, namespaceScope));
        }
        audit.record(AuditEvent.of(actor, "rbac.binding.create", user.username(), AuditOutcome.SUCCESS)
                .withDetails(Map.of("role", role.name(), "clusters", clusterScope, "namespaces", namespaceScope)));
        engine.invalidate();
        return repository.binding(id).orElseThrow();
    }

    @Transactional
    void deleteBinding(String actor, UUID id) {
        RoleBinding binding = repository
                .binding(id)
                .orElseThrow(
                        () -> ApiException.notFound("binding_not_found", "There is no binding with id " + id + "."));
        repository.deleteBinding(id);
        audit.record(AuditEvent.of(actor, "rbac.binding.delete", binding.username(), AuditOutcome.SUCCESS)
                .withDetails(Map.of(
                        "role", binding.roleName(),
                        "clusters", binding.clusters(),
                        "namespaces", binding.namespaces())));
        engine.invalidate();
    }

    private static void validate(String name, String description, List<Rule> rules) {
        var check = new RuleValidation();
        check.roleName(name);
        check.description(description);
        check.rules(rules);
        check.throwIfInvalid();
    }

    private static void refuseBuiltin(Role role, String what) {
        if (role.builtin()) {
            throw ApiException.conflict(
                    "role_builtin",
                    "Role %s is built in and cannot be %s. Create a role of your own (you may copy its rules)."
                            .formatted(role.name(), what));
        }
    }

    private static ApiException nameTaken(String name) {
        return ApiException.conflict("role_name_taken", "There is already a role named " + name + ".");
    }

    private static String description(String description) {
        return description == null ? "" : description.strip();
    }
}
