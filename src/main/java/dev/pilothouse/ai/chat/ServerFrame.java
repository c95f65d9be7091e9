package dev.pilothouse.ai.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.pilothouse.resource.ResourceChanges.ChangeResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the server sends on the chat WebSocket. The names are a contract (DESIGN.md, "Chat
 * WebSocket"; every field is in docs/protocol.md); every frame of a turn carries its {@code
 * conversationId}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(ServerFrame.Conversation.class),
    @JsonSubTypes.Type(ServerFrame.Token.class),
    @JsonSubTypes.Type(ServerFrame.ToolCallFrame.class),
    @JsonSubTypes.Type(ServerFrame.ToolResultFrame.class),
    @JsonSubTypes.Type(ServerFrame.ConfirmActionFrame.class),
    @JsonSubTypes.Type(ServerFrame.MessageDone.class),
    @JsonSubTypes.Type(ServerFrame.History.class),
    @JsonSubTypes.Type(ServerFrame.Error.class)
})
@JsonInclude(JsonInclude.Include.NON_NULL)
sealed interface ServerFrame {

    /** A new conversation began (or the client asked for one). */
    @JsonTypeName("conversation")
    record Conversation(String conversationId, String title) implements ServerFrame {}

    @JsonTypeName("token")
    record Token(String conversationId, String text) implements ServerFrame {}

    /** @param arguments the model's arguments, parsed (a JSON object) */
    @JsonTypeName("tool_call")
    record ToolCallFrame(String conversationId, String callId, String name, Object arguments) implements ServerFrame {}

    @JsonTypeName("tool_result")
    record ToolResultFrame(String conversationId, String callId, String name, boolean ok, String summary)
            implements ServerFrame {}

    @JsonTypeName("confirm_action")
    record ConfirmActionFrame(
            String conversationId,
            String confirmationId,
            String callId,
            String tool,
            Map<String, Object> arguments,
            String cluster,
            ChangeResult preview,
            Instant expiresAt)
            implements ServerFrame {}

    record TokenUsage(long inputTokens, long outputTokens) {}

    /** Where an answer's retrieved context came from. */
    record Citation(String source, String title, String section, String location, String cluster) {}

    /** @param stopReason {@code end_turn}, {@code max_steps}, {@code cancelled} or {@code error} */
    @JsonTypeName("message_done")
    record MessageDone(
            String conversationId, Long messageId, String stopReason, TokenUsage usage, List<Citation> citations)
            implements ServerFrame {}

    @JsonTypeName("history")
    record History(String conversationId, String title, List<StoredMessage> messages) implements ServerFrame {}

    /** @param conversationId present when the error belongs to a conversation (a failed turn) */
    @JsonTypeName("error")
    record Error(String conversationId, String code, String message) implements ServerFrame {}
}
