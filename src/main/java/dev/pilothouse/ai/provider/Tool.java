package dev.pilothouse.ai.provider;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A tool the model may call.
 *
 * @param parameters a JSON Schema object ({@code {"type":"object","properties":{...}}}) as
 *     plain maps and lists, sent to each API as it is
 * @param requiresConfirm a change the user must approve first; the orchestrator acts on it,
 *     providers ignore it
 */
public record Tool(String name, String description, Map<String, Object> parameters, boolean requiresConfirm) {

    // The strictest of the three APIs' rules (Anthropic and OpenAI both allow this set).
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    public Tool {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Tool name '" + name + "' must be 1-64 letters, digits, _ or -");
        }
        description = description == null ? "" : description;
        parameters = parameters == null ? Map.of("type", "object", "properties", Map.of()) : Map.copyOf(parameters);
        if (!"object".equals(parameters.get("type"))) {
            throw new IllegalArgumentException("Tool '" + name + "' parameters must be a JSON Schema of type object");
        }
    }
}
