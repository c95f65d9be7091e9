package dev.pilothouse.ai.rag;

import dev.pilothouse.ai.provider.Embedder;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Indexes sources into the store, incrementally: a chunk whose hash is unchanged is not embedded
 * again, a chunk that only moved keeps its vector, and documents a source no longer lists are
 * removed. One replica indexes at a time: a run holds a PostgreSQL advisory lock on a connection
 * of its own, and a run that cannot take it returns at once. A source that fails is reported and
 * keeps its previous chunks; the others are indexed.
 */
@Service
class RagIndexer {

    private static final Logger log = LoggerFactory.getLogger(RagIndexer.class);
    /** Advisory lock key (two ints: "PILO", "RAG"). */
    static final int LOCK_CLASS = 0x50494C4F;

    static final int LOCK_ID = 0x00524147;
    /** Texts embedded per embedder call: enough to keep the local model's batches full. */
    static final int EMBED_BATCH = 128;

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final EmbeddingStore store;
    private final IndexStatusRepository status;
    private final VectorIndexes indexes;
    private final String replica;
    /** Whether each document's card is indexed beside its chunks (measured: no gain, docs/benchmarks.md). */
    private final boolean cards;

    RagIndexer(
            DataSource dataSource,
            JdbcClient jdbc,
            EmbeddingStore store,
            IndexStatusRepository status,
            VectorIndexes indexes,
            RagProperties properties) {
        this.cards = properties.pageCards();
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.store = store;
        this.status = status;
        this.indexes = indexes;
        this.replica = replicaName();
    }

    public record SourceReport(
            String source, int documents, int chunks, int embedded, int removed, long durationMs, String error) {}

    /** @param ran false when another run (on any replica) held the lock */
    public record Report(boolean ran, String model, List<SourceReport> sources, long durationMs, boolean indexRebuilt) {
        public int embedded() {
            return sources.stream().mapToInt(SourceReport::embedded).sum();
        }

        public int removed() {
            return sources.stream().mapToInt(SourceReport::removed).sum();
        }

        public int chunks() {
            return sources.stream().mapToInt(SourceReport::chunks).sum();
        }

        static Report skipped(String model) {
            return new Report(false, model, List.of(), 0, false);
        }
    }

    /**
     * Indexes the sources with the embedder, if no other run is in progress.
     *
     * @param complete the sources are all there are: chunks and status of other sources (of this model) are removed
     */
    public Report run(String trigger, Embedder embedder, List<IndexSource> sources, boolean complete) {
        return run(trigger, embedder, sources, complete, UnaryOperator.identity());
    }

    /** @param transform applied to each listed document before it is indexed (benchmarks compare chunk texts with it) */
    Report run(
            String trigger,
            Embedder embedder,
            List<IndexSource> sources,
            boolean complete,
            UnaryOperator<SourceDocument> transform) {
        String model = embedder.modelName();
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(true);
            if (!advisory(lock, "pg_try_advisory_lock")) return Report.skipped(model);
            try {
                return runLocked(trigger, embedder, sources, complete, transform);
            } finally {
                advisory(lock, "pg_advisory_unlock");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The indexer could not reach the database: " + e.getMessage(), e);
        }
    }

    /** Whether a run holds the lock now, on any replica. */
    public boolean running() {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = ? AND objid = ?
                               AND objsubid = 2 AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))
                """).params(LOCK_CLASS, LOCK_ID).query(Boolean.class).single();
    }

    private Report runLocked(
            String trigger,
            Embedder embedder,
            List<IndexSource> sources,
            boolean complete,
            UnaryOperator<SourceDocument> transform) {
        long start = System.nanoTime();
        String model = embedder.modelName();
        status.start(trigger, model, sources.size(), replica);
        var reports = new ArrayList<SourceReport>();
        int embedded = 0;
        int dims = embedder.dimensions();
        boolean ok = true;
        try {
            for (IndexSource source : sources) {
                status.progress(reports.size(), source.key(), embedded);
                SourceReport report = index(source, embedder, model, transform);
                reports.add(report);
                embedded += report.embedded();
                ok &= report.error() == null;
                status.progress(reports.size(), null, embedded);
            }
            int removed = 0;
            if (complete) removed = removeOtherSources(model, sources);
            int changed = embedded
                    + removed
                    + reports.stream().mapToInt(SourceReport::removed).sum();
            boolean rebuilt = false;
            long rows = store.count(model);
            if (rows > 0) rebuilt = indexes.maintain(model, dims, changed > 0 && changed * 10L >= rows);
            long ms = (System.nanoTime() - start) / 1_000_000;
            log.info(
                    "RAG index run ({}) with {}: {} sources, {} chunks embedded, {} ms",
                    trigger,
                    model,
                    reports.size(),
                    embedded,
                    ms);
            return new Report(true, model, List.copyOf(reports), ms, rebuilt);
        } catch (RuntimeException e) {
            ok = false;
            throw e;
        } finally {
            status.finish(ok, reports.size(), embedded);
        }
    }

    private int removeOtherSources(String model, List<IndexSource> sources) {
        Set<String> keys = new HashSet<>();
        sources.forEach(s -> keys.add(s.key()));
        int removed = 0;
        for (String source : store.sources(model)) {
            if (!keys.contains(source)) removed += store.deleteSource(model, source);
        }
        for (var s : status.sources()) {
            if (s.model().equals(model) && !keys.contains(s.source())) status.deleteSource(s.source());
        }
        return removed;
    }

    /**
     * A document as stored: its chunks at 0…n-1, then its card (if it has one) at
     * {@link SourceDocument#CARD_INDEX}.
     */
    private record Pending(SourceDocument doc, List<Chunk> items, List<Integer> indices, List<String> hashes) {
        static Pending of(SourceDocument doc, boolean cards) {
            var items = new ArrayList<>(doc.chunks());
            var indices = new ArrayList<Integer>();
            for (int i = 0; i < items.size(); i++) indices.add(i);
            Chunk card = cards ? doc.card() : null;
            if (card != null) {
                items.add(card);
                indices.add(SourceDocument.CARD_INDEX);
            }
            return new Pending(
                    doc,
                    List.copyOf(items),
                    List.copyOf(indices),
                    items.stream().map(Chunk::hash).toList());
        }

        boolean hasCard() {
            return indices.contains(SourceDocument.CARD_INDEX);
        }
    }

    private SourceReport index(
            IndexSource source, Embedder embedder, String model, UnaryOperator<SourceDocument> transform) {
        long start = System.nanoTime();
        Instant at = Instant.now();
        try {
            IndexSource.Listing listing = source.list();
            Map<String, Map<Integer, String>> existing = store.hashes(model, source.key());
            var pending = new ArrayList<Pending>();
            var existed = new HashSet<String>();
            int pendingChunks = 0;
            int embedded = 0;
            int chunks = 0;
            var ids = new ArrayList<String>();
            for (SourceDocument listed : listing.documents()) {
                SourceDocument doc = transform.apply(listed);
                ids.add(doc.sourceId());
                Pending p = Pending.of(doc, cards);
                chunks += p.items().size();
                Map<Integer, String> old = existing.get(doc.sourceId());
                if (old != null && unchanged(old, p)) continue;
                if (old != null) existed.add(doc.sourceId());
                pending.add(p);
                pendingChunks += p.items().size();
                if (pendingChunks >= EMBED_BATCH) {
                    embedded += flush(source, embedder, model, pending, existed);
                    pending.clear();
                    pendingChunks = 0;
                }
            }
            embedded += flush(source, embedder, model, pending, existed);
            int removed = store.deleteOtherDocuments(model, source.key(), ids);
            long ms = (System.nanoTime() - start) / 1_000_000;
            status.saveSource(new IndexStatusRepository.SourceStatus(
                    source.key(),
                    source.type(),
                    source.cluster(),
                    model,
                    listing.documents().size(),
                    chunks,
                    embedded,
                    removed,
                    at,
                    ms,
                    null,
                    listing.note()));
            return new SourceReport(source.key(), listing.documents().size(), chunks, embedded, removed, ms, null);
        } catch (Exception e) {
            long ms = (System.nanoTime() - start) / 1_000_000;
            String error = message(e);
            log.warn("RAG source {} failed: {}", source.key(), error);
            status.saveFailure(source.key(), source.type(), source.cluster(), model, at, ms, error);
            return new SourceReport(source.key(), 0, 0, 0, 0, ms, error);
        }
    }

    private static boolean unchanged(Map<Integer, String> old, Pending p) {
        if (old.size() != p.hashes().size()) return false;
        for (int i = 0; i < p.hashes().size(); i++) {
            if (!p.hashes().get(i).equals(old.get(p.indices().get(i)))) return false;
        }
        return true;
    }

    /** Embeds what is new in the pending documents, in one call, then writes each document. Returns the chunks embedded. */
    private int flush(IndexSource source, Embedder embedder, String model, List<Pending> pending, Set<String> existed) {
        if (pending.isEmpty()) return 0;
        var reuse = new ArrayList<Map<String, String>>();
        var texts = new ArrayList<String>();
        for (Pending p : pending) {
            Map<String, String> vectors = existed.contains(p.doc().sourceId())
                    ? store.vectors(model, source.type(), p.doc().sourceId())
                    : Map.of();
            reuse.add(vectors);
            for (int i = 0; i < p.hashes().size(); i++) {
                if (!vectors.containsKey(p.hashes().get(i)))
                    texts.add(p.items().get(i).embeddingText());
            }
        }
        List<float[]> fresh = texts.isEmpty() ? List.of() : embedder.embed(texts);
        if (fresh.size() != texts.size()) {
            throw new IllegalStateException(
                    "The embedder returned " + fresh.size() + " vectors for " + texts.size() + " texts.");
        }
        int dims = fresh.isEmpty() ? embedder.dimensions() : fresh.getFirst().length;
        int next = 0;
        for (int d = 0; d < pending.size(); d++) {
            Pending p = pending.get(d);
            var rows = new ArrayList<EmbeddingStore.Row>();
            for (int i = 0; i < p.hashes().size(); i++) {
                String hash = p.hashes().get(i);
                String vector = reuse.get(d).get(hash);
                if (vector == null) vector = Vectors.text(fresh.get(next++));
                rows.add(new EmbeddingStore.Row(
                        source.key(),
                        source.type(),
                        p.doc().sourceId(),
                        p.doc().cluster(),
                        p.indices().get(i),
                        p.items().get(i),
                        hash,
                        vector));
            }
            store.upsert(model, dims, rows);
            store.deleteChunks(
                    model, source.type(), p.doc().sourceId(), p.doc().chunks().size(), p.hasCard());
        }
        return texts.size();
    }

    private static boolean advisory(Connection c, String function) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + function + "(?, ?)")) {
            ps.setInt(1, LOCK_CLASS);
            ps.setInt(2, LOCK_ID);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    static String message(Throwable e) {
        String m = e.getMessage() == null || e.getMessage().isBlank()
                ? e.getClass().getSimpleName()
                : e.getMessage();
        m = m.replaceAll("\\s+", " ").strip();
        return m.length() > 500 ? m.substring(0, 500) + " …" : m;
    }

    private static String replicaName() {
        try {
            return InetAddress.getLocalHost().getHostName() + "/"
                    + ProcessHandle.current().pid();
        } catch (Exception e) {
            return "pid " + ProcessHandle.current().pid();
        }
    }
}
