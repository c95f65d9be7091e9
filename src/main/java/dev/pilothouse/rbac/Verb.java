package dev.pilothouse.rbac;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

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

    /** The verb named {@code value} (as written in rules and requests, e.g. {@code delete}). */
    public static Optional<Verb> parse(String value) {
        if (value == null) return Optional.empty();
        return Arrays.stream(values()).filter(v -> v.value().equals(value)).findFirst();
    }

    /** "get, list, watch, ..." for error messages that tell the user what they could have written. */
    public static String allValues() {
        return Arrays.stream(values()).map(Verb::value).collect(Collectors.joining(", "));
    }

    /** The verb as it reads in an explanation: "may not delete deployments", "may read logs of pods". */
    String phrase() {
        return this == LOGS ? "read logs of" : value();
    }
}
