package dev.pilothouse.ai.chat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code ai_conversations}: every query names the owner, so nobody reaches another user's conversation. */
@Repository
class ConversationRepository {

    /** @param summary the model-made summary of messages up to {@code summaryThrough}; null before any compaction */
    record Conversation(
            UUID id, String title, String summary, Long summaryThrough, Instant createdAt, Instant updatedAt) {}

    private final JdbcClient jdbc;

    ConversationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void create(UUID id, UUID userId, String title, PageContext context) {
        jdbc.sql("INSERT INTO ai_conversations (id, user_id, title, cluster, namespace) VALUES (?, ?, ?, ?, ?)")
                .params(id, userId, title, context.cluster(), context.namespace())
                .update();
    }

    Optional<Conversation> find(UUID id, UUID userId) {
        return jdbc.sql("""
                SELECT id, title, summary, summary_through, created_at, updated_at
                FROM ai_conversations WHERE id = ? AND user_id = ?
                """)
                .params(id, userId)
                .query(ConversationRepository::map)
                .optional();
    }

    /**
     * Newest first, keyset-paged on (updated_at, id); {@code query} matches the title or the text
     * of any user or assistant message, ignoring case.
     */
    List<Conversation> list(UUID userId, String query, Instant beforeUpdated, UUID beforeId, int limit) {
        String like = query == null ? null : "%" + escapeLike(query) + "%";
        return jdbc.sql("""
                SELECT c.id, c.title, c.summary, c.summary_through, c.created_at, c.updated_at
                FROM ai_conversations c
                WHERE c.user_id = :user
                  AND (CAST(:before AS timestamptz) IS NULL OR (c.updated_at, c.id) < (CAST(:before AS timestamptz), CAST(:beforeId AS uuid)))
                  AND (CAST(:like AS text) IS NULL OR c.title ILIKE :like OR EXISTS (
                        SELECT 1 FROM ai_messages m
                        WHERE m.conversation_id = c.id AND m.role IN ('user', 'assistant') AND m.content ILIKE :like))
                ORDER BY c.updated_at DESC, c.id DESC
                LIMIT :limit
                """)
                .param("user", userId)
                .param("before", beforeUpdated == null ? null : Timestamp.from(beforeUpdated))
                .param("beforeId", beforeId)
                .param("like", like)
                .param("limit", limit)
                .query(ConversationRepository::map)
                .list();
    }

    boolean rename(UUID id, UUID userId, String title) {
        return jdbc.sql("UPDATE ai_conversations SET title = ? WHERE id = ? AND user_id = ?")
                        .params(title, id, userId)
                        .update()
                == 1;
    }

    boolean delete(UUID id, UUID userId) {
        return jdbc.sql("DELETE FROM ai_conversations WHERE id = ? AND user_id = ?")
                        .params(id, userId)
                        .update()
                == 1;
    }

    void touch(UUID id) {
        jdbc.sql("UPDATE ai_conversations SET updated_at = clock_timestamp() WHERE id = ?")
                .param(id)
                .update();
    }

    void saveSummary(UUID id, String summary, long through) {
        jdbc.sql("UPDATE ai_conversations SET summary = ?, summary_through = ? WHERE id = ?")
                .params(summary, through, id)
                .update();
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static Conversation map(ResultSet rs, int row) throws SQLException {
        long through = rs.getLong("summary_through");
        return new Conversation(
                rs.getObject("id", UUID.class),
                rs.getString("title"),
                rs.getString("summary"),
                rs.wasNull() ? null : through,
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
