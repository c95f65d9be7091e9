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
}
