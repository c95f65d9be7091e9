package dev.pilothouse.ai.tools;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** {@code ai_confirmations}: one row per confirm_action, settled exactly once. */
@Repository
class ConfirmationRepository {

    /** A stored confirmation, as the restart sweep and a late decision see it. */
    record Row(
            String id,
            String username,
            String conversationId,
            String cluster,
            String tool,
            String target,
            String state,
            Instant expiresAt) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    ConfirmationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Binding b, String replica, Instant now) {
        jdbc.sql("""
                INSERT INTO ai_confirmations (id, username, conversation_id, call_id, cluster, tool, target,
                    arguments_hash, preview_hash, resource_versions, replica, created_at, expires_at)
                VALUES (:id, :username, :conversation, :call, :cluster, :tool, :target, :args, :preview,
                    CAST(:versions AS jsonb), :replica, :now, :expires)
                """)
                .param("id", UUID.fromString(b.id()))
                .param("username", b.username())
                .param("conversation", b.conversationId())
                .param("call", b.callId())
                .param("cluster", b.cluster())
                .param("tool", b.tool())
                .param("target", b.target())
                .param("args", b.argumentsHash())
                .param("preview", b.previewHash())
                .param("versions", JSON.writeValueAsString(b.resourceVersions()))
                .param("replica", replica)
                .param("now", Timestamp.from(now))
                .param("expires", Timestamp.from(b.expiresAt()))
                .update();
    }

    /** @return whether this call settled it (false: it was no longer pending) */
    boolean settle(String id, String state, Instant now) {
        return jdbc.sql("UPDATE ai_confirmations SET state = :state, decided_at = :now"
                                + " WHERE id = :id AND state = 'pending'")
                        .param("state", state)
                        .param("now", Timestamp.from(now))
                        .param("id", UUID.fromString(id))
                        .update()
                == 1;
    }

    Optional<Row> find(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return jdbc.sql(SELECT + " WHERE id = :id")
                .param("id", uuid)
                .query(this::row)
                .optional();
    }

    /** Left pending by this replica before it restarted, or by any replica long past their expiry. */
    List<Row> abandoned(String replica, Instant staleBefore) {
        return jdbc.sql(SELECT + " WHERE state = 'pending' AND (replica = :replica OR expires_at < :stale)")
                .params(Map.of("replica", replica, "stale", Timestamp.from(staleBefore)))
                .query(this::row)
                .list();
    }

    /** Long past expiry and still pending: their replica is gone. */
    List<Row> stale(Instant staleBefore) {
        return jdbc.sql(SELECT + " WHERE state = 'pending' AND expires_at < :stale")
                .param("stale", Timestamp.from(staleBefore))
                .query(this::row)
                .list();
    }

    private static final String SELECT =
            "SELECT id, username, conversation_id, cluster, tool, target, state, expires_at FROM ai_confirmations";

    private Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Row(
                rs.getString("id"),
                rs.getString("username"),
                rs.getString("conversation_id"),
                rs.getString("cluster"),
                rs.getString("tool"),
                rs.getString("target"),
                rs.getString("state"),
                rs.getTimestamp("expires_at").toInstant());
    }
}
