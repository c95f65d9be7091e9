package dev.pilothouse.resource;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Who is asking, and through what. The assistant acts as the user (same RBAC, same audit actor)
 * but never receives Secret values, and its changes are marked as made through it in the audit log.
 */
public record Caller(String username, Channel via) {

    public enum Channel {
        DASHBOARD,
        ASSISTANT;

        @JsonValue
        public String value() {
            return name().toLowerCase();
        }
    }

    public static Caller dashboard(String username) {
        return new Caller(username, Channel.DASHBOARD);
    }

    public static Caller assistant(String username) {
        return new Caller(username, Channel.ASSISTANT);
    }
}
