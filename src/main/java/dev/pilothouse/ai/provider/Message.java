package dev.pilothouse.ai.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One message of a conversation, as every provider sees it. Assistant messages may carry tool
 * calls; a {@link Role#TOOL} message carries the results of the calls of the assistant message
 * before it (each adapter sends them in its own API's shape).
 */
public record Message(Role role, List<ContentPart> content) {

    public enum Role {
        SYSTEM,
        USER,
        ASSISTANT,
        TOOL
    }

    public Message {
        Objects.requireNonNull(role, "role");
        content = List.copyOf(content);
    }

    public static Message system(String text) {
        return new Message(Role.SYSTEM, List.of(new ContentPart.Text(text)));
    }

    public static Message user(String text) {
        return new Message(Role.USER, List.of(new ContentPart.Text(text)));
    }

    public static Message assistant(String text) {
        return assistant(text, List.of());
    }

    public static Message assistant(String text, List<ToolCall> toolCalls) {
        var parts = new ArrayList<ContentPart>();
        if (text != null && !text.isEmpty()) parts.add(new ContentPart.Text(text));
        toolCalls.forEach(call -> parts.add(new ContentPart.ToolUse(call)));
        return new Message(Role.ASSISTANT, parts);
    }

    public static Message toolResults(List<ContentPart.ToolResult> results) {
        return new Message(Role.TOOL, List.copyOf(results));
    }

    public static Message toolResult(String toolCallId, String toolName, String content, boolean error) {
        return new Message(Role.TOOL, List.of(new ContentPart.ToolResult(toolCallId, toolName, content, error)));
    }

    /** The text parts joined, without tool calls or results. */
    public String text() {
        var out = new StringBuilder();
        for (ContentPart part : content) {
            if (part instanceof ContentPart.Text t) out.append(t.text());
        }
        return out.toString();
    }

    public List<ToolCall> toolCalls() {
        return content.stream()
                .filter(ContentPart.ToolUse.class::isInstance)
                .map(p -> ((ContentPart.ToolUse) p).call())
                .toList();
    }

    public List<ContentPart.ToolResult> toolResults() {
        return content.stream()
                .filter(ContentPart.ToolResult.class::isInstance)
                .map(ContentPart.ToolResult.class::cast)
                .toList();
    }
}
