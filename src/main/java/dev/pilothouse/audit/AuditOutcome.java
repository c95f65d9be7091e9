package dev.pilothouse.audit;

import com.fasterxml.jackson.annotation.JsonValue;

public enum AuditOutcome {
    SUCCESS,
    FAILURE,
    /** Refused by a permission check (RBAC, rate limit) before anything happened. */
    DENIED;

    @JsonValue
    public String value() {
        return name().toLowerCase();
    }

    static AuditOutcome parse(String value) {
        return valueOf(value.toUpperCase());
    }
}
