package dev.pilothouse.rbac;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a user does to a cluster object. Kubernetes' verbs plus the dashboard's own actions. */
public enum Verb {
    GET,
    LIST,
    WATCH,
    CREATE,
    UPDATE,
    PATCH,
    DELETE,
    SCALE,
    RESTART,
    LOGS;

    @JsonValue
    public String value() {
        return name().toLowerCase();
    }
}
