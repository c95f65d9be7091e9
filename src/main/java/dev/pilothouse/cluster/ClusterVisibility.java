package dev.pilothouse.cluster;

/**
 * Which registered clusters a user may see (name, server address, health). The decision belongs
 * to RBAC, which this module may not depend on, so a module that may (resource) implements it.
 * Administrators see every cluster without asking.
 */
public interface ClusterVisibility {

    boolean mayView(String username, String cluster);
}
