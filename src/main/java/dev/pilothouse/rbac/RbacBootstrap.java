package dev.pilothouse.rbac;

import dev.pilothouse.audit.AuditEvent;
import dev.pilothouse.audit.AuditLog;
import dev.pilothouse.audit.AuditOutcome;
import dev.pilothouse.auth.AccountService;
import dev.pilothouse.auth.User;
import dev.pilothouse.platform.ApiException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At every start, brings the built-in roles in line with {@link BuiltinRoles}. When the role
 * {@code admin} is created (a first start, or the first start of a release with RBAC), the user
 * {@code admin} is bound to it on all clusters and namespaces, so the first administrator can use
 * the clusters they add. Later starts never bind again: an administrator who removed that binding
 * on purpose keeps it removed. Runs on {@link ApplicationReadyEvent}, which comes after every
 * {@code ApplicationRunner}, so the first admin account already exists.
 */
@Component
class RbacBootstrap {

    private static final Logger log = LoggerFactory.getLogger(RbacBootstrap.class);

    private final RbacRepository repository;
    private final AccountService accounts;
    private final AuditLog audit;
    private final RbacEngine engine;
    private final TransactionTemplate transaction;

    RbacBootstrap(
            RbacRepository repository,
            AccountService accounts,
            AuditLog audit,
            RbacEngine engine,
            TransactionTemplate transaction) {
        this.repository = repository;
        this.accounts = accounts;
        this.audit = audit;
        this.engine = engine;
        this.transaction = transaction;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        transaction.executeWithoutResult(status -> {
            for (BuiltinRoles.Definition role : BuiltinRoles.ALL) {
                boolean created = repository.insertRole(role.id(), role.name(), role.description(), true, role.rules());
                if (created) {
                    log.info("Created built-in role '{}'.", role.name());
                    if (role == BuiltinRoles.ADMIN) {
                        bindFirstAdmin(role.id());
                    }
                } else {
                    UUID id = repository.roleByName(role.name()).orElseThrow().id();
                    if (repository.updateRole(id, role.name(), role.description(), true, role.rules())) {
                        log.info("Updated built-in role '{}' to this release's definition.", role.name());
                    }
                }
            }
            engine.invalidate();
        });
    }

    private void bindFirstAdmin(UUID roleId) {
        User admin;
        try {
            admin = accounts.byUsername("admin");
        } catch (ApiException noSuchUser) {
            log.warn("There is no user 'admin' to bind to role admin; bind an administrator through the API.");
            return;
        }
        repository.insertBinding(UUID.randomUUID(), admin.id(), roleId, List.of("*"), List.of("*"));
        audit.record(AuditEvent.of("system", "rbac.binding.create", admin.username(), AuditOutcome.SUCCESS)
                .withDetails(Map.of(
                        "role", "admin", "clusters", List.of("*"), "namespaces", List.of("*"), "bootstrap", true)));
        log.info("Bound user 'admin' to role admin on all clusters and namespaces.");
    }
}
