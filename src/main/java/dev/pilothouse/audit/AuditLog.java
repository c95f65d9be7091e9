package dev.pilothouse.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Writes and reads {@code audit_log}. Every feature records its changes through {@link #record}. */
@Service
public class AuditLog {

    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditLog(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void record(AuditEvent event) {
        insert(event);
    }

    /**
     * Writes the row of a change before it is made, so a change is never unrecorded: the row
     * stands as a failure whose result is unknown until {@link #complete} gives the outcome. When
     * this throws (the database is down), the caller must not make the change.
     *
     * @return the row's id, for {@link #complete}
     */
    public long begin(AuditEvent intent) {
        Map<String, Object> details = new java.util.LinkedHashMap<>(intent.details());
        details.put("error", "No result was recorded: the change was sent, but the server stopped before the answer.");
        return insert(new AuditEvent(
                intent.actor(),
                intent.action(),
                intent.target(),
                intent.cluster(),
                intent.namespace(),
                AuditOutcome.FAILURE,
                details));
    }

    /** The outcome of a change whose row {@link #begin} wrote. */
    public void complete(long id, AuditOutcome outcome, Map<String, Object> details) {
        jdbc.sql("UPDATE audit_log SET outcome = :outcome, details = CAST(:details AS jsonb) WHERE id = :id")
                .param("outcome", outcome.value())
                .param("details", detailsJson(details))
                .param("id", id)
                .update();
    }

    private long insert(AuditEvent event) {
        return jdbc.sql("""
                INSERT INTO audit_log (actor, action, target, cluster, namespace, outcome, details, client_ip)
                VALUES (:actor, :action, :target, :cluster, :namespace, :outcome, CAST(:details AS jsonb), :ip)
                RETURNING id
                """)
                .param("actor", storable(event.actor()))
                .param("action", event.action())
                .param("target", storable(event.target()))
                .param("cluster", storable(event.cluster()))
                .param("namespace", storable(event.namespace()))
                .param("outcome", event.outcome().value())
                .param("details", detailsJson(event.details()))
                .param("ip", clientIp())
                .query(Long.class)
                .single();
    }

    /**
     * PostgreSQL stores no NUL character, in text or jsonb; a refusal that quotes one (a name
     * someone sent with a NUL in it) is recorded with the character written out instead.
     */
    private static String storable(String s) {
        return s == null ? null : s.replace("\u0000", "\\u0000");
    }

    /** A JSON escape of NUL ("\\u0000" not itself escaped), to be written out as text instead. */
    private static final java.util.regex.Pattern NUL_ESCAPE =
            java.util.regex.Pattern.compile("(?<!\\\\)((?:\\\\\\\\)*)\\\\u0000");

    private String detailsJson(Map<String, Object> details) {
        return NUL_ESCAPE.matcher(json.writeValueAsString(details)).replaceAll("$1\\\\\\\\u0000");
    }

    public List<AuditEntry> find(AuditQuery query) {
        var where = new ArrayList<String>();
        var params = new HashMap<String, Object>();
        if (query.actor() != null) {
            where.add("actor = :actor");
            params.put("actor", query.actor());
        }
        if (query.action() != null) {
            // "user" matches user.create, user.disable, ...; "user.create" matches only itself.
            where.add("(action = :action OR action LIKE :actionPrefix)");
            params.put("action", query.action());
            params.put("actionPrefix", query.action().replace("%", "\\%").replace("_", "\\_") + ".%");
        }
        if (query.cluster() != null) {
            where.add("cluster = :cluster");
            params.put("cluster", query.cluster());
        }
        if (query.from() != null) {
            where.add("at >= :from");
            params.put("from", Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            where.add("at < :to");
            params.put("to", Timestamp.from(query.to()));
        }
        if (query.before() != null) {
            where.add("id < :before");
            params.put("before", query.before());
        }
        params.put("limit", query.limit());
        String sql = "SELECT id, at, actor, action, target, cluster, namespace, outcome, details, client_ip"
                + " FROM audit_log"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY id DESC LIMIT :limit";
        return jdbc.sql(sql).params(params).query(this::mapRow).list();
    }

    private AuditEntry mapRow(ResultSet rs, int row) throws SQLException {
        return new AuditEntry(
                rs.getLong("id"),
                rs.getTimestamp("at").toInstant(),
                rs.getString("actor"),
                rs.getString("action"),
                rs.getString("target"),
                rs.getString("cluster"),
                rs.getString("namespace"),
                AuditOutcome.parse(rs.getString("outcome")),
                json.readValue(rs.getString("details"), DETAILS),
                rs.getString("client_ip"));
    }

    private static String clientIp() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }
}
