package dev.pilothouse.ai.provider;

import java.util.Objects;

/**
 * A call the model asked for. Providers never execute it: the orchestrator owns the tool loop.
 *
 * @param arguments a JSON object as text (OpenAI sends a string, Anthropic and Ollama an
 *     object; the adapters normalise to text so the orchestrator parses once)
 */
public record ToolCall(String id, String name, String arguments) {
    public ToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        arguments = arguments == null || arguments.isBlank() ? "{}" : arguments;
    }
}
