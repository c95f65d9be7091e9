package dev.pilothouse.audit;

import java.time.Instant;
import java.util.Map;

/** A stored audit row, as the API returns it. */
public record AuditEntry(
        long id,
        Instant at,
        String actor,
        String action,
        String target,
        String cluster,
        String namespace,
        AuditOutcome outcome,
        Map<String, Object> details,
        String clientIp) {}
