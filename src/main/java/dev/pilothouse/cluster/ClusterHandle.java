package dev.pilothouse.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * One cluster as one call sees it: its registration read once, and the clients built from that
 * reading. A request resolves its cluster with {@link ClusterManager#open} and uses the handle
 * throughout, instead of reading the row (and decrypting the kubeconfig) at every step.
 */
public final class ClusterHandle {

    private final ClusterClients clients;
    private final ClusterRepository.Row row;

    ClusterHandle(ClusterClients clients, ClusterRepository.Row row) {
        this.clients = clients;
        this.row = row;
    }

    public String name() {
        return row.name();
    }

    /** Whether calls for a user carry {@code Impersonate-User}. */
    public boolean impersonates() {
        return row.impersonate();
    }

    public boolean isDemo() {
        return row.source() == ClusterSource.DEMO;
    }

    /** The client acting as Pilothouse itself (discovery, serialization). */
    public KubernetesClient systemClient() {
        return clients.systemClient(row);
    }

    /** The client for a user's request: impersonating the user when the cluster is set to. */
    public KubernetesClient clientAs(String username) {
        return clients.clientAs(row, username);
    }
}
