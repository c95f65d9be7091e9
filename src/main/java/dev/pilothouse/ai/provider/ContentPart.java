package dev.pilothouse.ai.provider;

import java.util.Objects;

/** A piece of a message: text, a tool call the model made, or the result of one. */
public sealed interface ContentPart {

    record Text(String text) implements ContentPart {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    record ToolUse(ToolCall call) implements ContentPart {
        public ToolUse {
            Objects.requireNonNull(call, "call");
        }
    }

    /**
     * @param toolName Ollama matches results by name rather than id, so we keep both
     * @param error the tool failed; {@code content} says why, and the model may try again
     */
    record ToolResult(String toolCallId, String toolName, String content, boolean error) implements ContentPart {
        public ToolResult {
            Objects.requireNonNull(toolCallId, "toolCallId");
            content = content == null ? "" : content;
        }
    }
}
