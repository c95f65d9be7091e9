package dev.pilothouse.ai.provider;

import java.util.List;

/** What one model call produced: its text, the tools it wants called, why it stopped, and its cost. */
public record ChatResponse(String text, List<ToolCall> toolCalls, StopReason stopReason, Usage usage) {
    public ChatResponse {
        text = text == null ? "" : text;
        toolCalls = List.copyOf(toolCalls);
        usage = usage == null ? Usage.NONE : usage;
    }

    public Message asMessage() {
        return Message.assistant(text, toolCalls);
    }
}
