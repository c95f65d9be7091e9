package dev.pilothouse.cluster;

import java.time.Instant;

/**
 * A registered cluster as the API shows it. The kubeconfig is never part of it.
 *
 * @param label what the UI shows beside the name, e.g. "Demo (simulated)"; null for real clusters
 */
public record ClusterInfo(
        String name,
        String displayName,
        ClusterSource source,
        String context,
        String server,
        boolean impersonate,
        String label,
        ClusterHealth health,
        Instant createdAt) {

    public static final String DEMO_LABEL = "Demo (simulated)";

    public boolean demo() {
        return source == ClusterSource.DEMO;
    }
}
