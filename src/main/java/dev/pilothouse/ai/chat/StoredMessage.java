package dev.pilothouse.ai.chat;

import dev.pilothouse.ai.provider.ToolCall;
import java.time.Instant;
import java.util.List;

/**
 * One saved message, as history shows it (the {@code history} frame and {@code GET
 * /api/ai/conversations/{id}}).
 *
 * @param role {@code user}, {@code assistant} or {@code tool}
 * @param status {@code complete}, {@code cancelled} or {@code error}: a reply cut off is kept, marked
 * @param toolCalls the calls an assistant message asked for
 * @param toolCallId for a tool message: the call it answers
 * @param ok for a tool message: whether the call succeeded
 * @param summary for a tool message: the line people saw on the call's row
 * @param usage for an assistant message: the tokens of the model call that wrote it
 */
record StoredMessage(
        long id,
        String role,
        String content,
        String status,
        List<ToolCall> toolCalls,
        String toolCallId,
        String toolName,
        Boolean ok,
        String summary,
        String model,
        ServerFrame.TokenUsage usage,
        List<ServerFrame.Citation> citations,
        Instant createdAt) {}
