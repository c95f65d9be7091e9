package dev.pilothouse.cluster;

import dev.pilothouse.cluster.demo.DemoCluster;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One fabric8 client per cluster, created on first use, rebuilt when the cluster's registration
 * changes (on any replica: the row's update time is compared) and closed when it is removed.
 * Clients have bounded connect and request timeouts and no hidden retries, so one unreachable
 * cluster costs its own callers a timeout and nobody else.
 */
@Component
class ClusterClients {

    private static final Logger log = LoggerFactory.getLogger(ClusterClients.class);

    private final ClusterSecrets secrets;
    private final ClusterProperties properties;
    private final DemoCluster demo;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();

    private record Connection(Instant version, KubernetesClient client) {}

    ClusterClients(ClusterSecrets secrets, ClusterProperties properties, DemoCluster demo) {
        this.secrets = secrets;
        this.properties = properties;
        this.demo = demo;
    }

    KubernetesClient systemClient(ClusterRepository.Row row) {
        Connection connection = connections.compute(row.name(), (key, current) -> {
            if (current != null && current.version().equals(row.updatedAt())) {
                return current;
            }
            if (current != null) {
                closeQuietly(current.client());
            }
            return new Connection(row.updatedAt(), build(row));
        });
        return connection.client();
    }

    KubernetesClient clientAs(ClusterRepository.Row row, String username) {
        KubernetesClient base = systemClient(row);
        if (!row.impersonate()) {
            return base;
        }
        var requestConfig = new RequestConfigBuilder(base.getConfiguration().getRequestConfig())
                .withImpersonateUsername(username)
                .withImpersonateGroups(ClusterManager.IMPERSONATED_GROUP)
                .build();
        return base.newClient(requestConfig).adapt(KubernetesClient.class);
    }

    /** Closes the cluster's client now, after a change or removal, rather than on its next use. */
    void close(String name) {
        Connection connection = connections.remove(name);
        if (connection != null) {
            closeQuietly(connection.client());
        }
    }

    private KubernetesClient build(ClusterRepository.Row row) {
        Config config = switch (row.source()) {
            case DEMO -> null;
            case IN_CLUSTER -> properties.inCluster().clientConfig();
            case KUBECONFIG -> Kubeconfig.parse(secrets.kubeconfigOf(row)).clientConfig(row.context());
        };
        if (config == null) {
            return demo.client();
        }
        config.setConnectionTimeout((int) properties.connectTimeout().toMillis());
        config.setRequestTimeout((int) properties.requestTimeout().toMillis());
        // fabric8 retries failed requests with backoff by default; that would multiply the cost of
        // an unreachable cluster. Callers see the failure at once instead.
        config.setRequestRetryBackoffLimit(0);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    private void closeQuietly(KubernetesClient client) {
        if (client == demo.clientIfStarted()) {
            return; // the demo server outlives registrations; its client is shared
        }
        try {
            client.close();
        } catch (RuntimeException e) {
            log.debug("closing a cluster client failed", e);
        }
    }
}
