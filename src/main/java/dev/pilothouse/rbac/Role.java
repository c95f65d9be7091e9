package dev.pilothouse.rbac;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A named set of rules. Built-in roles ({@code admin}, {@code operator}, {@code viewer}) are read-only. */
public record Role(
        UUID id,
        String name,
        String description,
        boolean builtin,
        List<Rule> rules,
        Instant createdAt,
        Instant updatedAt) {}
