package dev.pilothouse.ai.rag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.support.IntegrationTest;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * RAG benchmarks (docs/benchmarks.md): indexing throughput over ../shared/testdata, top-8 search
 * latency and recall at 10k and 100k chunks, and retrieval quality on a written question set.
 * Run with {@code mvn -Pbench test -Dtest=RagBenchmark} against the test database.
 */
@Tag("benchmark")
@IntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RagBenchmark {

    static final String MODEL = "bench-minilm";
    static final String SYNTHETIC = "bench-synthetic";

    @Autowired
    RagIndexer indexer;

    @Autowired
    EmbeddingStore store;

    @Autowired
    VectorIndexes indexes;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    static MockCluster cluster;

    static List<IndexSource> testdata() {
        if (cluster == null)
            cluster = new MockCluster(MockCluster.allOpenApiFiles()).withCrds(TestData.files(TestData.CRDS, ".yaml"));
        return List.of(
                DocsSource.directory("bench-docs", TestData.DOCS),
                new CrdSource("bench", () -> cluster.client),
                new OpenApiSource("bench", () -> cluster.client));
    }

    @Test
    @Order(1)
    void indexingThroughput() {
        jdbc.sql("DELETE FROM ai_embeddings WHERE model = ?").param(MODEL).update();
        var embedder = new CountingEmbedder(MODEL);
        embedder.embed(List.of("warm up the model")); // loads the ONNX model outside the measurement
        RagIndexer.Report first = indexer.run("benchmark", embedder, testdata(), false);
        RagIndexer.Report second = indexer.run("benchmark", embedder, testdata(), false);
        System.out.printf(
                Locale.ROOT,
                "INDEXING: %d chunks from %d sources in %.1f s = %.1f chunks/s (incl. reading, chunking, writing,"
                        + " index rebuild %s); re-run with nothing changed: %d embedded, %.1f s%n",
                first.embedded(),
                first.sources().size(),
                first.durationMs() / 1000.0,
                first.embedded() * 1000.0 / first.durationMs(),
                first.indexRebuilt(),
                second.embedded(),
                second.durationMs() / 1000.0);
        first.sources()
                .forEach(s -> System.out.printf(
                        Locale.ROOT,
                        "  %s: %d documents, %d chunks, %d ms%n",
                        s.source(),
                        s.documents(),
                        s.chunks(),
                        s.durationMs()));
        assertThat(first.sources()).allSatisfy(s -> assertThat(s.error()).isNull());
        assertThat(second.embedded()).isZero();
    }

    @Test
    @Order(2)
    void searchLatencyAndRecall() throws Exception {
        jdbc.sql("DELETE FROM ai_embeddings WHERE model = ?").param(SYNTHETIC).update();
        var random = new Random(42);
        int dims = 384;
        float[][] centroids = new float[1000][];
        for (int i = 0; i < centroids.length; i++) centroids[i] = normal(random, dims, 1.0);
        Function<Random, float[]> sample = r -> {
            float[] c = centroids[r.nextInt(centroids.length)];
            float[] v = normal(r, dims, 0.045);
            for (int i = 0; i < dims; i++) v[i] += c[i] / (float) Math.sqrt(dims);
            return unit(v);
        };
        var queries = new ArrayList<float[]>();
        for (int i = 0; i < 200; i++) queries.add(sample.apply(random));
        int loaded = 0;
        for (int target : new int[] {10_000, 100_000}) {
            loaded = load(sample, random, loaded, target);
            indexes.maintain(SYNTHETIC, dims, true);
            jdbc.sql("ANALYZE ai_embeddings").update();
            // Exact answers once (they are also the exact scan's latency), then each index setting against them.
            var truth = new ArrayList<List<StoredChunk>>();
            long[] exact = new long[queries.size()];
            for (int i = 0; i < queries.size(); i++) {
                long t0 = System.nanoTime();
                truth.add(store.vectorSearch(SYNTHETIC, queries.get(i), 8, SearchFilter.NONE, -1));
                exact[i] = System.nanoTime() - t0;
            }
            System.out.printf(
                    Locale.ROOT,
                    "SEARCH %d rows: exact scan p50 %.1f ms p95 %.1f ms%n",
                    target,
                    pct(exact, 50),
                    pct(exact, 95));
            measure(target, queries, truth, 0); // the defaults: lists = √rows, probes = √lists
            int probes = indexes.probes(SYNTHETIC, dims);
            measure(target, queries, truth, Math.max(1, probes / 2));
            measure(target, queries, truth, probes * 2);
            // pgvector's suggested starting point, for comparison: lists = rows / 1000, probes = √lists.
            int pgvectorLists = target / 1000;
            indexes.build(SYNTHETIC, dims, pgvectorLists);
            measure(target, queries, truth, (int) Math.ceil(Math.sqrt(pgvectorLists)));
            measure(target, queries, truth, (int) Math.ceil(Math.sqrt(pgvectorLists)) * 2);
            indexes.build(SYNTHETIC, dims, VectorIndexes.desiredLists(target));
        }
        jdbc.sql("DELETE FROM ai_embeddings WHERE model = ?").param(SYNTHETIC).update();
        indexes.maintain(SYNTHETIC, dims, true);
    }

    private void measure(int rows, List<float[]> queries, List<List<StoredChunk>> truth, int probes) {
        int warm = 20;
        for (int i = 0; i < warm; i++) store.vectorSearch(SYNTHETIC, queries.get(i), 8, SearchFilter.NONE, probes);
        long[] ivf = new long[queries.size()];
        double recall = 0;
        for (int i = 0; i < queries.size(); i++) {
            long t0 = System.nanoTime();
            var approx = store.vectorSearch(SYNTHETIC, queries.get(i), 8, SearchFilter.NONE, probes);
            ivf[i] = System.nanoTime() - t0;
            var ids = new HashSet<Long>();
            truth.get(i).forEach(c -> ids.add(c.id()));
            recall += approx.stream().filter(c -> ids.contains(c.id())).count()
                    / (double) truth.get(i).size();
        }
        recall /= queries.size();
        int lists = indexes.currentLists(VectorIndexes.name(SYNTHETIC, 384));
        System.out.printf(
                Locale.ROOT,
                "SEARCH %d rows: ivfflat lists=%d probes=%d%s p50 %.1f ms p95 %.1f ms recall@8 %.3f (%d queries)%n",
                rows,
                lists,
                probes > 0 ? probes : indexes.probes(SYNTHETIC, 384),
                probes > 0 ? "" : " (default)",
                pct(ivf, 50),
                pct(ivf, 95),
                recall,
                queries.size());
    }

    /** Adds synthetic rows with COPY until there are {@code target}. */
    private int load(Function<Random, float[]> sample, Random random, int from, int target) throws Exception {
        var sb = new StringBuilder();
        try (Connection c = dataSource.getConnection()) {
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (int i = from; i < target; i++) {
                sb.append("bench-synthetic\tdocs\tsyn-")
                        .append(i)
                        .append("\t0\tsynthetic chunk ")
                        .append(i)
                        .append("\th")
                        .append(i)
                        .append('\t')
                        .append(SYNTHETIC)
                        .append("\t384\t")
                        .append(Vectors.text(sample.apply(random)))
                        .append('\n');
                if (sb.length() > 8_000_000 || i == target - 1) {
                    copy.copyIn(
                            "COPY ai_embeddings (source, source_type, source_id, chunk_index, content, content_hash, model, dims,"
                                    + " embedding) FROM STDIN",
                            new StringReader(sb.toString()));
                    sb.setLength(0);
                }
            }
        }
        return target;
    }

    record Question(String text, String file, String section, List<Question> alternatives) {
        /** The named section, or another one the question set accepts as an answer. */
        List<Question> answers() {
            var all = new ArrayList<Question>(List.of(this));
            all.addAll(alternatives);
            return all;
        }
    }

    @Test
    @Order(3)
    void retrievalQuality() throws Exception {
        var embedder = new CountingEmbedder(MODEL);
        indexer.run("benchmark", embedder, testdata(), false); // incremental: nothing to do after indexingThroughput
        var questions = new ArrayList<Question>();
        for (String line :
                Files.readAllLines(Path.of("src/test/resources/rag/questions.tsv"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t");
            var alternatives = new ArrayList<Question>();
            if (f.length > 3) {
                for (String alt : f[3].split(";")) {
                    String[] fs = alt.strip().split("#", 2);
                    alternatives.add(new Question(f[0], fs[0], fs[1], List.of()));
                }
            }
            questions.add(new Question(f[0], f[1], f[2], alternatives));
        }
        assertThat(questions).hasSizeGreaterThanOrEqualTo(40);
        var broken = new ArrayList<Question>();
        for (Question q : questions.stream().flatMap(q -> q.answers().stream()).toList()) {
            var chunks = jdbc.sql(
                            "SELECT section, content FROM ai_embeddings WHERE model = ? AND source_type = 'docs' AND source_id = ?")
                    .params(MODEL, q.file())
                    .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                    .list();
            if (chunks.stream().noneMatch(c -> answers(q, c[0], c[1]))) broken.add(q);
        }
        assertThat(broken)
                .as("questions whose file and section are not in the index")
                .isEmpty();
        int k = 5;
        int vectorHits = 0, textHits = 0, hybridHits = 0, hybridFileHits = 0, hybridStrict = 0;
        var misses = new ArrayList<String>();
        for (Question q : questions) {
            float[] v = embedder.embed(List.of(q.text())).getFirst();
            var byVector = store.vectorSearch(MODEL, v, 40, SearchFilter.NONE, false);
            var byText = store.textSearch(MODEL, q.text(), 40, SearchFilter.NONE);
            var hybrid = EmbeddingStore.fuse(List.of(byVector, byText), k);
            vectorHits += hit(q, byVector.subList(0, Math.min(k, byVector.size()))) ? 1 : 0;
            textHits += hit(q, byText.subList(0, Math.min(k, byText.size()))) ? 1 : 0;
            boolean h = hit(q, hybrid);
            hybridHits += h ? 1 : 0;
            hybridStrict += hit(new Question(q.text(), q.file(), q.section(), List.of()), hybrid) ? 1 : 0;
            hybridFileHits += hybrid.stream().anyMatch(c -> c.sourceId().equals(q.file())) ? 1 : 0;
            if (!h)
                misses.add(q.text() + " → "
                        + hybrid.stream()
                                .map(c -> c.sourceId() + " / " + c.section())
                                .toList());
        }
        double n = questions.size();
        System.out.printf(
                Locale.ROOT,
                "QUALITY %d questions, hit@%d: vector %.3f, full-text %.3f, hybrid %.3f"
                        + " (hybrid counting only the first-named section: %.3f; hybrid, named file in top %d: %.3f)%n",
                questions.size(),
                k,
                vectorHits / n,
                textHits / n,
                hybridHits / n,
                hybridStrict / n,
                k,
                hybridFileHits / n);
        misses.forEach(m -> System.out.println("  miss: " + m));
    }

    /** A hit: a chunk of the named file whose section path, or a heading inside it, names the section. */
    static boolean hit(Question q, List<StoredChunk> top) {
        return q.answers().stream()
                .anyMatch(a -> top.stream()
                        .anyMatch(c -> c.sourceType() == SourceType.DOCS
                                && c.sourceId().equals(a.file())
                                && answers(a, c.section(), c.content())));
    }

    static boolean answers(Question q, String section, String content) {
        String wanted = q.section().toLowerCase(Locale.ROOT);
        return section.toLowerCase(Locale.ROOT).contains(wanted)
                || content.lines()
                        .anyMatch(l ->
                                l.startsWith("#") && l.toLowerCase(Locale.ROOT).contains(wanted));
    }

    private static float[] normal(Random r, int dims, double sigma) {
        float[] v = new float[dims];
        for (int i = 0; i < dims; i++) v[i] = (float) (r.nextGaussian() * sigma);
        return v;
    }

    private static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) norm += x * x;
        float n = (float) Math.sqrt(norm);
        for (int i = 0; i < v.length; i++) v[i] /= n;
        return v;
    }

    private static double pct(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
