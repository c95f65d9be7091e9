package dev.pilothouse.rbac;

import dev.pilothouse.platform.ApiException;

/** The RBAC decision. Deny by default: only a matching rule of a bound role allows. */
public interface AccessControl {

    AccessDecision decide(AccessRequest request);

    /** @throws ApiException 403 {@code rbac_denied} with the decision's explanation */
    default void check(AccessRequest request) {
        AccessDecision decision = decide(request);
        if (!decision.allowed()) {
            throw ApiException.forbidden("rbac_denied", decision.explanation());
        }
    }

    /**
     * The namespaces of {@code cluster} in which {@code username} may {@code verb} {@code resource}:
     * all, or the listed ones. For lists across all namespaces by users bound to only some.
     */
    NamespaceScope namespaces(String username, Verb verb, String cluster, String apiGroup, String resource);

    /** Whether {@code username} holds any role on {@code cluster}: without one, not even its kinds are shown. */
    boolean hasRoleOn(String username, String cluster);

    /** @throws ApiException 403 {@code rbac_denied}: "alice has no role on cluster prod" */
    default void requireRoleOn(String username, String cluster) {
        if (!hasRoleOn(username, cluster)) {
            throw ApiException.forbidden("rbac_denied", "%s has no role on cluster %s".formatted(username, cluster));
        }
    }
}
