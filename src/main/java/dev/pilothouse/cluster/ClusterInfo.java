package dev.pilothouse.cluster;

import java.time.Instant;
import java.util.List;

/**
 * A registered cluster as the API shows it. The kubeconfig is never part of it.
 *
 * @param label what the UI shows beside the name, e.g. "Demo (simulated)"; null for real clusters
 * @param warnings what is unsafe about how the cluster is reached, in words (e.g. a plain
 *     {@code http://} server); empty when nothing is
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
        Instant createdAt,
        List<String> warnings) {

    public static final String DEMO_LABEL = "Demo (simulated)";

    public ClusterInfo {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** The warnings about reaching {@code server}; the registration's audit entry carries them too. */
    static List<String> warningsFor(String server) {
        if (server != null && server.regionMatches(true, 0, "http://", 0, 7)) {
            return List.of("The API server is reached over plain http://: the token or client certificate and"
                    + " every object read or written travel unencrypted and unauthenticated. Use an https://"
                    + " address.");
        }
        return List.of();
    }

    public boolean demo() {
        return source == ClusterSource.DEMO;
    }
}
