package dev.pilothouse.ai.rag;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The chunks and their vectors in {@code ai_embeddings}. Every statement names the embedding
 * model: vectors of different models never meet in one search. Vector searches cast the column
 * to the model's dimension, which is what lets PostgreSQL use that model's partial ivfflat index.
 */
@Repository
class EmbeddingStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate tx;
    private final VectorIndexes indexes;

    EmbeddingStore(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate tx, VectorIndexes indexes) {
        this.jdbc = jdbc;
        this.template = template;
        this.tx = tx;
        this.indexes = indexes;
    }

    /** A chunk to write: its vector either new or copied from an unchanged stored chunk (as pgvector text). */
    record Row(
            String source,
            SourceType type,
            String sourceId,
            String cluster,
            int index,
            Chunk chunk,
            String hash,
            String vector) {}

    public void upsert(String model, int dims, List<Row> rows) {
        if (rows.isEmpty()) return;
        template.batchUpdate("""
                INSERT INTO ai_embeddings (source, source_type, source_id, cluster, chunk_index, title, section, location,
                                           content, content_hash, model, dims, embedding, description, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::vector, ?, now())
                ON CONFLICT (model, source_type, source_id, chunk_index) DO UPDATE SET
                    source = excluded.source, cluster = excluded.cluster, title = excluded.title, section = excluded.section,
                    location = excluded.location, content = excluded.content, content_hash = excluded.content_hash,
                    description = excluded.description,
                    dims = excluded.dims, embedding = excluded.embedding, updated_at = now()
                """, rows, 200, (ps, r) -> {
            ps.setString(1, r.source());
            ps.setString(2, r.type().id());
            ps.setString(3, r.sourceId());
            ps.setString(4, r.cluster());
            ps.setInt(5, r.index());
            ps.setString(6, r.chunk().title());
            ps.setString(7, r.chunk().section());
            ps.setString(8, r.chunk().location());
            ps.setString(9, r.chunk().content());
            ps.setString(10, r.hash());
            ps.setString(11, model);
            ps.setInt(12, dims);
            ps.setString(13, r.vector());
            ps.setString(14, r.chunk().shortDescription());
        });
    }

    /** chunk index → content hash, for each stored document of a source. */
    public Map<String, Map<Integer, String>> hashes(String model, String source) {
        var out = new HashMap<String, Map<Integer, String>>();
        jdbc.sql("SELECT source_id, chunk_index, content_hash FROM ai_embeddings WHERE model = ? AND source = ?")
                .params(model, source)
                .query((rs, n) -> out.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                        .put(rs.getInt(2), rs.getString(3)))
                .list();
        return out;
    }

    /** content hash → stored vector (pgvector text) of one document, to reuse for chunks that only moved. */
    public Map<String, String> vectors(String model, SourceType type, String sourceId) {
        var out = new HashMap<String, String>();
        jdbc.sql(
                        "SELECT content_hash, embedding::text FROM ai_embeddings WHERE model = ? AND source_type = ? AND source_id = ?")
                .params(model, type.id(), sourceId)
                .query((rs, n) -> out.put(rs.getString(1), rs.getString(2)))
                .list();
        return out;
    }

    /** Removes a document's chunks from {@code fromIndex} on, and its card unless it is kept. */
    public int deleteChunks(String model, SourceType type, String sourceId, int fromIndex, boolean keepCard) {
        return jdbc.sql("DELETE FROM ai_embeddings WHERE model = ? AND source_type = ? AND source_id = ?"
                        + " AND (chunk_index >= ? OR (chunk_index < 0 AND NOT ?))")
                .params(model, type.id(), sourceId, fromIndex, keepCard)
                .update();
    }

    /**
     * The chunk of one document nearest to the query (its card left out): what a search that found
     * the document's card returns. An exact scan over that document's few rows.
     */
    public java.util.Optional<StoredChunk> bestChunk(String model, float[] query, SourceType type, String sourceId) {
        int dims = query.length;
        String vec = "embedding::vector(" + dims + ")";
        String sql = "SELECT " + COLUMNS + ", 1 - (" + vec + " <=> ?::vector(" + dims + ")) AS score FROM ai_embeddings"
                + " WHERE model = ? AND dims = " + dims + " AND source_type = ? AND source_id = ? AND chunk_index >= 0"
                + " ORDER BY score DESC LIMIT 1";
        return jdbc.sql(sql)
                .params(Vectors.text(query), model, type.id(), sourceId)
                .query(EmbeddingStore::chunk)
                .optional();
    }

    /** Removes the documents a source no longer lists. */
    public int deleteOtherDocuments(String model, String source, List<String> keep) {
        return jdbc.sql("DELETE FROM ai_embeddings WHERE model = ? AND source = ? AND NOT (source_id = ANY (?))")
                .params(model, source, keep.toArray(String[]::new))
                .update();
    }

    /** Removes every chunk of a source, e.g. a cluster that was removed. */
    public int deleteSource(String model, String source) {
        return jdbc.sql("DELETE FROM ai_embeddings WHERE model = ? AND source = ?")
                .params(model, source)
                .update();
    }

    /** Removes the chunks of every other embedding model, once the current one has indexed everything. */
    public int deleteOtherModels(String model) {
        return jdbc.sql("DELETE FROM ai_embeddings WHERE model <> ?")
                .param(model)
                .update();
    }

    public List<String> sources(String model) {
        return jdbc.sql("SELECT DISTINCT source FROM ai_embeddings WHERE model = ?")
                .param(model)
                .query(String.class)
                .list();
    }

    public long count(String model) {
        return jdbc.sql("SELECT count(*) FROM ai_embeddings WHERE model = ?")
                .param(model)
                .query(Long.class)
                .single();
    }

    public Map<String, Long> countsByModel() {
        var out = new LinkedHashMap<String, Long>();
        jdbc.sql("SELECT model, count(*) FROM ai_embeddings GROUP BY model ORDER BY model")
                .query((rs, n) -> out.put(rs.getString(1), rs.getLong(2)))
                .list();
        return out;
    }

    /**
     * Cosine top-K. Approximate through the model's ivfflat index (probes sized to its lists),
     * or an exact scan when {@code exact}.
     */
    public List<StoredChunk> vectorSearch(String model, float[] query, int k, SearchFilter filter, boolean exact) {
        return vectorSearch(model, query, k, filter, exact ? -1 : 0);
    }

    /** @param probes ivfflat lists to search: 0 sized to the index, negative for an exact scan */
    public List<StoredChunk> vectorSearch(String model, float[] query, int k, SearchFilter filter, int probes) {
        boolean exact = probes < 0;
        int dims = query.length;
        String vec = "embedding::vector(" + dims + ")";
        var params = new ArrayList<Object>();
        params.add(Vectors.text(query));
        String where = where(filter, params);
        params.add(Vectors.text(query));
        params.add(k);
        // The model is written into the statement, not bound: the per-model index is partial
        // (WHERE model = '...'), and a prepared statement's generic plan, which the driver switches
        // to after a few calls, cannot use a partial index for a parameter.
        String sql = "SELECT " + COLUMNS + ", 1 - (" + vec + " <=> ?::vector(" + dims + ")) AS score FROM ai_embeddings"
                + " WHERE model = " + VectorIndexes.literal(model) + " AND dims = " + dims + where
                + " ORDER BY " + vec + " <=> ?::vector(" + dims + ") LIMIT ?";
        return tx.execute(status -> {
            if (exact) {
                jdbc.sql("SET LOCAL enable_indexscan = off").update();
            } else {
                jdbc.sql("SELECT set_config('ivfflat.probes', ?, true)")
                        .param(String.valueOf(probes > 0 ? probes : indexes.probes(model, dims)))
                        .query(String.class)
                        .single();
                // The cluster filter is always there: the index scan keeps going until it has k matching rows (pgvector
                // 0.8).
                if (indexes.iterativeScan()) {
                    jdbc.sql("SET LOCAL ivfflat.iterative_scan = relaxed_order").update();
                }
            }
            var found = new ArrayList<>(
                    jdbc.sql(sql).params(params).query(EmbeddingStore::chunk).list());
            found.sort(Comparator.comparingDouble(StoredChunk::score).reversed());
            return found;
        });
    }

    /** Query words that count in the full-text search: the first ones of a long question (28 pairs). */
    static final int MAX_QUERY_WORDS = 8;
    /** Matching chunks ranked per search at most: ranking reads each one's text, and at 100k chunks a common word matches half. */
    static final int MAX_TEXT_CANDIDATES = 1500;

    /**
     * Full-text top-K over title (weight A), heading path (B), the document's description (C) and
     * the text (D), ranked by cover density with PostgreSQL's default weights (A 1.0, B 0.4, C 0.2,
     * D 0.1), so a word in a title counts most. A question typed in full shares few words with
     * its answer, so it is not an AND of all its words: a chunk must share at least two of them
     * (any two; one when the question has one word), or, when too few chunks do, any one.
     * At most {@link #MAX_TEXT_CANDIDATES} matching chunks are ranked.
     */
    public List<StoredChunk> textSearch(String model, String query, int k, SearchFilter filter) {
        List<String> words = jdbc.sql("SELECT lexeme FROM unnest(to_tsvector('english', ?)) ORDER BY positions[1]")
                .param(query)
                .query(String.class)
                .list();
        if (words.isEmpty()) return List.of();
        words = words.subList(0, Math.min(words.size(), MAX_QUERY_WORDS));
        var pairs = new ArrayList<String>();
        for (int a = 0; a < words.size(); a++) {
            for (int b = a + 1; b < words.size(); b++)
                pairs.add("(" + lexeme(words.get(a)) + " & " + lexeme(words.get(b)) + ")");
        }
        String any =
                String.join(" | ", words.stream().map(EmbeddingStore::lexeme).toList());
        List<StoredChunk> found =
                pairs.isEmpty() ? List.of() : textSearch(model, String.join(" | ", pairs), any, k, filter);
        // One word (no pairs), or too few chunks share two: any one word.
        return found.size() >= k && !pairs.isEmpty() ? found : textSearch(model, any, any, k, filter);
    }

    /** @param match which chunks qualify; @param rank the query they are ranked by (every word counts) */
    private List<StoredChunk> textSearch(String model, String match, String rank, int k, SearchFilter filter) {
        var params = new ArrayList<Object>();
        params.add(rank);
        params.add(model);
        params.add(match);
        String where = where(filter, params);
        params.add(MAX_TEXT_CANDIDATES);
        params.add(k);
        String sql = "SELECT " + COLUMNS + ", ts_rank_cd(tsv, ?::tsquery, 1) AS score FROM (SELECT " + COLUMNS
                + ", tsv FROM ai_embeddings" + " WHERE model = ? AND tsv @@ ?::tsquery" + where
                + " LIMIT ?) m ORDER BY score DESC, id LIMIT ?";
        return jdbc.sql(sql).params(params).query(EmbeddingStore::chunk).list();
    }

    /** A lexeme as a tsquery operand: quoted, so that no character in it is read as an operator. */
    private static String lexeme(String word) {
        return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    private static String where(SearchFilter filter, List<Object> params) {
        var sql = new StringBuilder();
        if (!filter.sourceTypes().isEmpty()) {
            sql.append(" AND source_type = ANY (?)");
            params.add(filter.sourceTypes().stream().map(SourceType::id).toArray(String[]::new));
        }
        // Chunks of no cluster (docs, plugins), and of the clusters the caller may see: never all of them.
        sql.append(" AND (cluster IS NULL OR cluster = ANY (?))");
        params.add(filter.clusters().toArray(String[]::new));
        return sql.toString();
    }

    private static final String COLUMNS =
            "id, source_type, source_id, cluster, chunk_index, title, section, location, content, content_hash";

    private static StoredChunk chunk(ResultSet rs, int n) throws SQLException {
        return new StoredChunk(
                rs.getLong("id"),
                SourceType.parse(rs.getString("source_type")).orElse(SourceType.DOCS),
                rs.getString("source_id"),
                rs.getString("cluster"),
                rs.getInt("chunk_index"),
                rs.getString("title"),
                rs.getString("section"),
                rs.getString("location"),
                rs.getString("content"),
                rs.getString("content_hash"),
                rs.getDouble("score"));
    }
}
