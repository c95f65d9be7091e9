package dev.pilothouse.ai.chat;

import dev.pilothouse.ai.provider.Usage;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code ai_usage}: one row per model call. */
@Repository
class UsageRepository {

    /** Tokens of one UTC day and model. */
    record DayUsage(LocalDate day, String provider, String model, long calls, long inputTokens, long outputTokens) {}

    private final JdbcClient jdbc;

    UsageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(UUID userId, UUID conversation, String provider, String model, String purpose, Usage usage) {
        jdbc.sql("""
                INSERT INTO ai_usage (user_id, conversation_id, provider, model, purpose, input_tokens, output_tokens,
                                      cache_read_tokens, cache_write_tokens)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(
                        userId,
                        conversation,
                        provider,
                        model,
                        purpose,
                        usage.inputTokens(),
                        usage.outputTokens(),
                        usage.cacheReadTokens(),
                        usage.cacheWriteTokens())
                .update();
    }

    /** All tokens {@code userId} spent since {@code since}. */
    long tokensSince(UUID userId, Instant since) {
        return jdbc.sql("""
                SELECT coalesce(sum(input_tokens + output_tokens + cache_read_tokens + cache_write_tokens), 0)
                FROM ai_usage WHERE user_id = ? AND created_at >= ?
                """)
                .params(userId, Timestamp.from(since))
                .query(Long.class)
                .single();
    }

    /** @param userId null for every user */
    List<DayUsage> perDay(UUID userId, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT (created_at AT TIME ZONE 'UTC')::date AS day, provider, model, count(*) AS calls,
                       sum(input_tokens + cache_read_tokens + cache_write_tokens) AS input, sum(output_tokens) AS output
                FROM ai_usage
                WHERE (CAST(:user AS uuid) IS NULL OR user_id = CAST(:user AS uuid)) AND created_at >= :from AND created_at < :to
                GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
                """)
                .param("user", userId)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((rs, i) -> new DayUsage(
                        rs.getObject("day", LocalDate.class),
                        rs.getString("provider"),
                        rs.getString("model"),
                        rs.getLong("calls"),
                        rs.getLong("input"),
                        rs.getLong("output")))
                .list();
    }
}
