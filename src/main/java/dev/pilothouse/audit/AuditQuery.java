package dev.pilothouse.audit;

import java.time.Instant;

/**
 * Filters for reading the audit log, newest first. {@code before} is the id cursor from the
 * previous page ({@code nextCursor}); every filter is optional.
 */
public record AuditQuery(
        String actor, String action, String cluster, Instant from, Instant to, Long before, int limit) {}
