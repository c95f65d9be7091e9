package dev.pilothouse.ai.rag;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One partial ivfflat index per embedding model, managed the way pgvector advises: built after
 * the rows are there (k-means needs data to find its centroids), {@code lists} sized to the row
 * count, rebuilt when the rows have grown or changed a lot, and {@code probes} set per query to
 * about √lists. pgvector's starting point for lists is rows / 1000; we use √rows, which on
 * 384-dimensional vectors measured faster at a higher recall (docs/benchmarks.md: at 100k rows,
 * 316 lists and 18 probes gave p95 14 ms at recall 0.999, 100 lists and 10 probes p95 16 ms at 0.979).
 */
@Component
class VectorIndexes {

    private static final Logger log = LoggerFactory.getLogger(VectorIndexes.class);
    /** The index the migration creates for the default model. */
    static final String MINILM_INDEX = "ai_embeddings_minilm_ivfflat_idx";
    /** √5000: below this many lists every list is probed. */
    static final int SMALL_INDEX_LISTS = 71;

    static final int MIN_PROBES = 20;

    private final JdbcClient jdbc;
    private final RagProperties properties;
    private final Map<String, Integer> lists = new ConcurrentHashMap<>();
    private volatile Boolean iterativeScan;

    VectorIndexes(JdbcClient jdbc, RagProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    static String name(String model, int dims) {
        if ("all-minilm-l6-v2".equals(model) && dims == 384) return MINILM_INDEX;
        String slug = model.toLowerCase().replaceAll("[^a-z0-9]+", "_");
        String hash = HexFormat.of().formatHex(sha1(model + "/" + dims), 0, 4);
        return ("ai_emb_ivf_" + slug).substring(0, Math.min(40, 11 + slug.length())) + "_" + dims + "_" + hash;
    }

    static int desiredLists(long rows) {
        return (int) Math.max(1, Math.round(Math.sqrt(rows)));
    }

    /**
     * Probes for a query: the configured number, else √lists but at least {@link #MIN_PROBES}
     * (at 10k rows √lists alone measured recall@8 0.93, 20 probes 0.96 at p95 3 ms). A small
     * index (under about 5,000 rows) is searched whole: exact answers cost next to nothing there.
     */
    public int probes(String model, int dims) {
        if (properties.probes() > 0) return properties.probes();
        int l = lists.computeIfAbsent(name(model, dims), this::currentLists);
        if (l <= SMALL_INDEX_LISTS) return Math.max(1, l);
        return Math.min(l, Math.max(MIN_PROBES, (int) Math.ceil(Math.sqrt(l))));
    }

    /** pgvector 0.8 can keep scanning a filtered ivfflat search until it has enough rows. */
    boolean iterativeScan() {
        if (iterativeScan == null) {
            String version = jdbc.sql("SELECT extversion FROM pg_extension WHERE extname = 'vector'")
                    .query(String.class)
                    .optional()
                    .orElse("0");
            String[] parts = version.split("\\.");
            iterativeScan = Integer.parseInt(parts[0]) > 0 || parts.length > 1 && Integer.parseInt(parts[1]) >= 8;
        }
        return iterativeScan;
    }

    /**
     * Builds or rebuilds the model's index when it is missing, when its lists no longer fit the
     * row count (off by half or more), or when {@code force}d after a bulk change. The new index is
     * built beside the old one (CONCURRENTLY), so searches keep working meanwhile.
     *
     * @return true when it (re)built the index
     */
    public boolean maintain(String model, int dims, boolean force) {
        String name = name(model, dims);
        long rows = jdbc.sql("SELECT count(*) FROM ai_embeddings WHERE model = ? AND dims = ?")
                .params(model, dims)
                .query(Long.class)
                .single();
        int want = desiredLists(rows);
        int have = currentLists(name);
        boolean exists = have > 0;
        if (exists && !force && want >= have / 2.0 && want <= have * 2.0 && !(rows > 0 && have > rows)) return false;
        if (exists && force && want == have && rows < 1000) return false;
        build(model, dims, want);
        log.info("Rebuilt vector index {} for model {}: {} rows, lists {} (was {})", name, model, rows, want, have);
        return true;
    }

    /** Builds the model's index with this many lists beside the old one, then swaps them. */
    void build(String model, int dims, int want) {
        String name = name(model, dims);
        String temp = name.length() > 55 ? name.substring(0, 55) + "_new" : name + "_new";
        jdbc.sql("DROP INDEX IF EXISTS " + temp).update();
        jdbc.sql("CREATE INDEX CONCURRENTLY " + temp + " ON ai_embeddings USING ivfflat ((embedding::vector(" + dims
                        + ")) vector_cosine_ops) WITH (lists = " + want + ") WHERE model = " + literal(model))
                .update();
        jdbc.sql("DROP INDEX CONCURRENTLY IF EXISTS " + name).update();
        jdbc.sql("ALTER INDEX " + temp + " RENAME TO " + name).update();
        lists.put(name, want);
    }

    /** The index's lists, or 0 when it does not exist. */
    int currentLists(String name) {
        var options = jdbc.sql(
                        "SELECT array_to_string(c.reloptions, ',') FROM pg_class c WHERE c.relname = ? AND c.relkind = 'i'"
                                + " AND pg_catalog.pg_table_is_visible(c.oid)")
                .param(name)
                .query(String.class)
                .optional();
        if (options.isEmpty()) return 0;
        String opts = options.get() == null ? "" : options.get();
        for (String o : opts.split(",")) if (o.startsWith("lists=")) return Integer.parseInt(o.substring(6));
        return 100; // pgvector's default
    }

    void forget() {
        lists.clear();
    }

    /** A SQL string literal: model names come from settings, so quotes are doubled. */
    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static byte[] sha1(String s) {
        try {
            return java.security.MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
