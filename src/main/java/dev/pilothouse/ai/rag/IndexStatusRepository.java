package dev.pilothouse.ai.rag;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code ai_rag_sources} (last outcome per source) and {@code ai_rag_progress} (the current or last run). */
@Repository
public class IndexStatusRepository {

    private final JdbcClient jdbc;

    IndexStatusRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The last indexing of one source. {@code error} set: the source could not be read, its old chunks stay. */
    public record SourceStatus(
            String source,
            SourceType type,
            String cluster,
            String model,
            int documents,
            int chunks,
            int embedded,
            int removed,
            Instant lastRunAt,
            long durationMs,
            String error,
            String note) {}

    public record Progress(
            String state,
            String trigger,
            String model,
            Instant startedAt,
            Instant finishedAt,
            int sourcesTotal,
            int sourcesDone,
            String currentSource,
            int chunksEmbedded,
            String replica) {}

    void saveSource(SourceStatus s) {
        jdbc.sql("""
                INSERT INTO ai_rag_sources (source, source_type, cluster, model, documents, chunks, embedded, removed,
                                            last_run_at, duration_ms, error, note)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (source) DO UPDATE SET source_type = excluded.source_type, cluster = excluded.cluster,
                    model = excluded.model, documents = excluded.documents, chunks = excluded.chunks,
                    embedded = excluded.embedded, removed = excluded.removed, last_run_at = excluded.last_run_at,
                    duration_ms = excluded.duration_ms, error = excluded.error, note = excluded.note
                """)
                .params(
                        s.source(),
                        s.type().id(),
                        s.cluster(),
                        s.model(),
                        s.documents(),
                        s.chunks(),
                        s.embedded(),
                        s.removed(),
                        java.sql.Timestamp.from(s.lastRunAt()),
                        s.durationMs(),
                        s.error(),
                        s.note())
                .update();
    }

    /** A failed source keeps its counts from the last good run; only the time, duration and error change. */
    void saveFailure(
            String source, SourceType type, String cluster, String model, Instant at, long durationMs, String error) {
        jdbc.sql("""
                INSERT INTO ai_rag_sources (source, source_type, cluster, model, last_run_at, duration_ms, error)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (source) DO UPDATE SET last_run_at = excluded.last_run_at, duration_ms = excluded.duration_ms,
                    error = excluded.error, embedded = 0, removed = 0
                """)
                .params(source, type.id(), cluster, model, java.sql.Timestamp.from(at), durationMs, error)
                .update();
    }

    void deleteSource(String source) {
        jdbc.sql("DELETE FROM ai_rag_sources WHERE source = ?").param(source).update();
    }

    public List<SourceStatus> sources() {
        return jdbc.sql("SELECT * FROM ai_rag_sources ORDER BY source")
                .query(IndexStatusRepository::source)
                .list();
    }

    public Optional<SourceStatus> source(String source) {
        return jdbc.sql("SELECT * FROM ai_rag_sources WHERE source = ?")
                .param(source)
                .query(IndexStatusRepository::source)
                .optional();
    }

    void start(String trigger, String model, int sourcesTotal, String replica) {
        jdbc.sql("""
                INSERT INTO ai_rag_progress (id, state, trigger, model, started_at, finished_at, sources_total, sources_done,
                                             current_source, chunks_embedded, replica)
                VALUES (1, 'running', ?, ?, now(), NULL, ?, 0, NULL, 0, ?)
                ON CONFLICT (id) DO UPDATE SET state = 'running', trigger = excluded.trigger, model = excluded.model,
                    started_at = now(), finished_at = NULL, sources_total = excluded.sources_total, sources_done = 0,
                    current_source = NULL, chunks_embedded = 0, replica = excluded.replica
                """).params(trigger, model, sourcesTotal, replica).update();
    }

    void progress(int sourcesDone, String currentSource, int chunksEmbedded) {
        jdbc.sql("UPDATE ai_rag_progress SET sources_done = ?, current_source = ?, chunks_embedded = ? WHERE id = 1")
                .params(sourcesDone, currentSource, chunksEmbedded)
                .update();
    }

    void finish(boolean ok, int sourcesDone, int chunksEmbedded) {
        jdbc.sql("""
                UPDATE ai_rag_progress SET state = ?, finished_at = now(), sources_done = ?, current_source = NULL,
                    chunks_embedded = ? WHERE id = 1
                """)
                .params(ok ? "done" : "failed", sourcesDone, chunksEmbedded)
                .update();
    }

    public Optional<Progress> progress() {
        return jdbc.sql("SELECT * FROM ai_rag_progress WHERE id = 1")
                .query((rs, n) -> new Progress(
                        rs.getString("state"),
                        rs.getString("trigger"),
                        rs.getString("model"),
                        instant(rs, "started_at"),
                        instant(rs, "finished_at"),
                        rs.getInt("sources_total"),
                        rs.getInt("sources_done"),
                        rs.getString("current_source"),
                        rs.getInt("chunks_embedded"),
                        rs.getString("replica")))
                .optional();
    }

    private static SourceStatus source(ResultSet rs, int n) throws SQLException {
        return new SourceStatus(
                rs.getString("source"),
                SourceType.parse(rs.getString("source_type")).orElse(SourceType.DOCS),
                rs.getString("cluster"),
                rs.getString("model"),
                rs.getInt("documents"),
                rs.getInt("chunks"),
                rs.getInt("embedded"),
                rs.getInt("removed"),
                instant(rs, "last_run_at"),
                rs.getLong("duration_ms"),
                rs.getString("error"),
                rs.getString("note"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
