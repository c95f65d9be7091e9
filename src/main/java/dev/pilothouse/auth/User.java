package dev.pilothouse.auth;

import java.time.Instant;
import java.util.UUID;

/** A Pilothouse account as the API shows it (never with its password hash). */
public record User(
        UUID id,
        String username,
        String displayName,
        boolean admin,
        boolean disabled,
        Instant createdAt,
        Instant lastLoginAt) {}
