package dev.pilothouse.ai.provider;

import java.util.List;

/**
 * One model call: the whole conversation so far (system message first, if any) and the tools
 * on offer.
 *
 * @param maxOutputTokens overrides the configured limit for this call; null keeps it
 */
public record ChatRequest(List<Message> messages, List<Tool> tools, Integer maxOutputTokens) {

    public ChatRequest {
        messages = List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
        if (messages.isEmpty()) throw new IllegalArgumentException("a chat request needs at least one message");
    }

    public static ChatRequest of(List<Message> messages, List<Tool> tools) {
        return new ChatRequest(messages, tools, null);
    }

    public static ChatRequest of(Message... messages) {
        return new ChatRequest(List.of(messages), List.of(), null);
    }

    /** The system messages' text, joined: all three APIs take one system prompt. */
    public String systemPrompt() {
        return String.join(
                "\n\n",
                messages.stream()
                        .filter(m -> m.role() == Message.Role.SYSTEM)
                        .map(Message::text)
                        .toList());
    }
}
