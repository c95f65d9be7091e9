package dev.pilothouse.cluster;

import dev.pilothouse.platform.ApiException;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The clusters as the rest of Pilothouse sees them: what is registered and how it is doing, and
 * the clients to reach each one. The parts behind it are package-private: {@link ClusterRegistry}
 * (registering, changing, removing), {@link ClusterClients} (one fabric8 client per cluster) and
 * {@link ClusterHealthMonitor} (background health); this class keeps them in step when a
 * registration changes.
 */
@Service
public class ClusterManager {

    /** Sent with every impersonated request so cluster RBAC can grant to all dashboard users at once. */
    public static final String IMPERSONATED_GROUP = "pilothouse:users";

    private final ClusterRegistry registry;
    private final ClusterClients clients;
    private final ClusterHealthMonitor health;
    private final ClusterSecrets secrets;

    /**
     * What an administrator submits to add a cluster.
     *
     * @param impersonate null: on when the cluster says the identity may impersonate ({@link ImpersonationProbe})
     */
    public record Registration(
            String name,
            String displayName,
            String kubeconfig,
            String context,
            boolean inCluster,
            Boolean impersonate) {}

    /** A change to a registered cluster; null fields stay as they are. */
    public record Change(String displayName, String kubeconfig, String context, Boolean impersonate) {}

    ClusterManager(
            ClusterRegistry registry, ClusterClients clients, ClusterHealthMonitor health, ClusterSecrets secrets) {
        this.registry = registry;
        this.clients = clients;
        this.health = health;
        this.secrets = secrets;
    }

    public List<ClusterInfo> list() {
        return registry.rows().stream().map(this::info).toList();
    }

    public ClusterInfo get(String name) {
        return info(registry.row(name));
    }

    /** The contexts of a kubeconfig, for choosing one before registering. */
    List<Kubeconfig.Context> contexts(String kubeconfigYaml) {
        return Kubeconfig.parse(kubeconfigYaml).contexts();
    }

    public ClusterInfo register(String actor, Registration registration) {
        return get(registry.register(actor, registration));
    }

    public ClusterInfo update(String actor, String name, Change change) {
        if (registry.update(actor, name, change)) {
            clients.close(name);
        }
        return get(name);
    }

    public void remove(String actor, String name) {
        registry.remove(actor, name);
        clients.close(name);
        health.forget(name);
    }

    /**
     * The cluster named {@code name}, read once for one call.
     *
     * @throws ApiException 404 {@code cluster_not_found}
     */
    public ClusterHandle open(String name) {
        return new ClusterHandle(clients, registry.row(name));
    }

    /** The client acting as Pilothouse itself (discovery, health, indexing). */
    public KubernetesClient systemClient(String name) {
        return clients.systemClient(registry.row(name));
    }

    /**
     * The client for a dashboard user's request: when the cluster is set to impersonate, every
     * call carries {@code Impersonate-User} (and group {@value #IMPERSONATED_GROUP}), so the
     * cluster's own RBAC applies on top of Pilothouse's.
     */
    public KubernetesClient clientAs(String name, String username) {
        return clients.clientAs(registry.row(name), username);
    }

    public boolean isDemo(String name) {
        return registry.row(name).source() == ClusterSource.DEMO;
    }

    private ClusterInfo info(ClusterRepository.Row row) {
        String server = secrets.serverOf(row);
        return new ClusterInfo(
                row.name(),
                row.displayName(),
                row.source(),
                row.context(),
                server,
                row.impersonate(),
                row.source() == ClusterSource.DEMO ? ClusterInfo.DEMO_LABEL : null,
                health.last(row.name()),
                row.createdAt(),
                ClusterInfo.warningsFor(server));
    }
}
