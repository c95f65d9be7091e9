package dev.pilothouse.rbac;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A role granted to a user on some clusters and namespaces; {@code ["*"]} means all of them.
 * Requests that are not in one namespace (cluster-scoped objects, lists across all namespaces)
 * are covered only by a binding on all namespaces.
 */
public record RoleBinding(
        UUID id,
        UUID userId,
        String username,
        UUID roleId,
        String roleName,
        List<String> clusters,
        List<String> namespaces,
        Instant createdAt) {}
