package dev.pilothouse.ai.chat;

import dev.pilothouse.ai.provider.ToolCall;
import dev.pilothouse.ai.provider.Usage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@code ai_messages}: each message is written once, as it completes. */
@Repository
class MessageRepository {

    private static final TypeReference<List<ToolCall>> CALLS = new TypeReference<>() {};
    private static final TypeReference<List<ServerFrame.Citation>> CITATIONS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    MessageRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    long addUser(UUID conversation, String text, PageContext context) {
        return insert(
                conversation,
                "user",
                text,
                null,
                null,
                null,
                null,
                null,
                MessageStatus.COMPLETE,
                null,
                null,
                null,
                context.isEmpty() ? null : json.writeValueAsString(context));
    }

    long addAssistant(
            UUID conversation,
            String text,
            List<ToolCall> calls,
            MessageStatus status,
            String model,
            Usage usage,
            List<ServerFrame.Citation> citations) {
        return insert(
                conversation,
                "assistant",
                text,
                calls.isEmpty() ? null : json.writeValueAsString(calls),
                null,
                null,
                null,
                null,
                status,
                model,
                usage == null
                        ? null
                        : json.writeValueAsString(
                                new ServerFrame.TokenUsage(usage.inputTokens(), usage.outputTokens())),
                citations == null || citations.isEmpty() ? null : json.writeValueAsString(citations),
                null);
    }

    long addToolResult(UUID conversation, ToolCall call, boolean ok, String forModel, String summary) {
        return insert(
                conversation,
                "tool",
                forModel,
                null,
                call.id(),
                call.name(),
                ok,
                summary,
                MessageStatus.COMPLETE,
                null,
                null,
                null,
                null);
    }

    List<StoredMessage> list(UUID conversation) {
        return listAfter(conversation, 0);
    }

    /** Messages with an id above {@code afterId}, oldest first. */
    List<StoredMessage> listAfter(UUID conversation, long afterId) {
        return jdbc.sql("""
                SELECT id, role, content, status, tool_calls, tool_call_id, tool_name, tool_ok, tool_summary, model, usage,
                       citations, created_at
                FROM ai_messages WHERE conversation_id = ? AND id > ? ORDER BY id
                """).params(conversation, afterId).query(this::map).list();
    }

    private long insert(
            UUID conversation,
            String role,
            String content,
            String toolCalls,
            String toolCallId,
            String toolName,
            Boolean ok,
            String toolSummary,
            MessageStatus status,
            String model,
            String usage,
            String citations,
            String context) {
        return jdbc.sql("""
                INSERT INTO ai_messages (conversation_id, role, content, tool_calls, tool_call_id, tool_name, tool_ok,
                                         tool_summary, status, model, usage, citations, context)
                VALUES (:c, :role, :content, CAST(:calls AS jsonb), :callId, :toolName, :ok, :summary, :status, :model,
                        CAST(:usage AS jsonb), CAST(:citations AS jsonb), CAST(:context AS jsonb))
                RETURNING id
                """)
                .param("c", conversation)
                .param("role", role)
                .param("content", content == null ? "" : content)
                .param("calls", toolCalls)
                .param("callId", toolCallId)
                .param("toolName", toolName)
                .param("ok", ok)
                .param("summary", toolSummary)
                .param("status", status.value())
                .param("model", model)
                .param("usage", usage)
                .param("citations", citations)
                .param("context", context)
                .query(Long.class)
                .single();
    }

    private StoredMessage map(ResultSet rs, int row) throws SQLException {
        String calls = rs.getString("tool_calls");
        String usage = rs.getString("usage");
        String citations = rs.getString("citations");
        boolean ok = rs.getBoolean("tool_ok");
        Boolean toolOk = rs.wasNull() ? null : ok;
        return new StoredMessage(
                rs.getLong("id"),
                rs.getString("role"),
                rs.getString("content"),
                rs.getString("status"),
                calls == null ? List.of() : json.readValue(calls, CALLS),
                rs.getString("tool_call_id"),
                rs.getString("tool_name"),
                toolOk,
                rs.getString("tool_summary"),
                rs.getString("model"),
                usage == null ? null : json.readValue(usage, ServerFrame.TokenUsage.class),
                citations == null ? List.of() : json.readValue(citations, CITATIONS),
                rs.getTimestamp("created_at").toInstant());
    }
}
