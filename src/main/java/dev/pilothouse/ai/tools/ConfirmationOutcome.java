package dev.pilothouse.ai.tools;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a confirmation ended; the word is audited ({@code ai.confirm}) and sent to the browser. */
public enum ConfirmationOutcome {
    APPROVED,
    REJECTED,
    EXPIRED,
    /** The turn was cancelled, or the server restarted, while it waited. */
    WITHDRAWN;

    @JsonValue
    public String value() {
        return name().toLowerCase();
    }
}
