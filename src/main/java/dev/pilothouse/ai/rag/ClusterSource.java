package dev.pilothouse.ai.rag;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.function.Supplier;

/**
 * A source read from one cluster's API server: its status key is the type and the cluster
 * ({@code crd:prod}), and its client is asked for at each run, so a re-registered cluster's new
 * credentials are used.
 */
abstract sealed class ClusterSource implements IndexSource permits CrdSource, OpenApiSource {

    private final SourceType type;
    private final String cluster;
    private final Supplier<KubernetesClient> client;

    ClusterSource(SourceType type, String cluster, Supplier<KubernetesClient> client) {
        this.type = type;
        this.cluster = cluster;
        this.client = client;
    }

    @Override
    public final String key() {
        return type.id() + ":" + cluster;
    }

    @Override
    public final SourceType type() {
        return type;
    }

    @Override
    public final String cluster() {
        return cluster;
    }

    final KubernetesClient client() {
        return client.get();
    }
}
