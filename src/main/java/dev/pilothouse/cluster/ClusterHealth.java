package dev.pilothouse.cluster;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;

/**
 * The last background check of a cluster.
 *
 * @param serverVersion e.g. {@code v1.35.0}, when reachable
 * @param error what went wrong, in words, when unreachable
 */
public record ClusterHealth(Status status, String serverVersion, String error, Instant checkedAt, Long latencyMs) {

    public enum Status {
        UNKNOWN,
        REACHABLE,
        UNREACHABLE;

        @JsonValue
        public String value() {
            return name().toLowerCase();
        }
    }

    static ClusterHealth unknown() {
        return new ClusterHealth(Status.UNKNOWN, null, null, null, null);
    }
}
