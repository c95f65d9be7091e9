package dev.pilothouse.resource;

import dev.pilothouse.cluster.ClusterVisibility;
import dev.pilothouse.rbac.AccessControl;
import org.springframework.stereotype.Component;

/** A cluster is visible to whoever holds a role on it, the same rule its resources follow. */
@Component
class RbacClusterVisibility implements ClusterVisibility {

    private final AccessControl access;

    RbacClusterVisibility(AccessControl access) {
        this.access = access;
    }

    @Override
    public boolean mayView(String username, String cluster) {
        return access.hasRoleOn(username, cluster);
    }
}
