package dev.pilothouse.cluster;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a cluster's connection comes from. */
public enum ClusterSource {
    KUBECONFIG,
    IN_CLUSTER,
    /** The in-process simulated API server; labelled "Demo (simulated)" wherever it appears. */
    DEMO;

    @JsonValue
    public String value() {
        return name().toLowerCase();
    }

    static ClusterSource parse(String value) {
        return valueOf(value.toUpperCase());
    }
}
