package dev.pilothouse.ai.rag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.ai.provider.Embedder;
import dev.pilothouse.ai.provider.LocalEmbedder;
import dev.pilothouse.support.IntegrationTest;
import java.io.StringReader;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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
 * RAG benchmarks (docs/benchmarks.md): indexing throughput over ../shared/testdata per local
 * embedding model, retrieval quality on the evaluation set (hit@1/3/5/8 per split, style and
 * source type) for each model × chunk text × fusion setting, and search latency at 10k and 100k
 * chunks. Run with {@code ./dev bench RagBenchmark}; {@code -Drag.bench.models=bge-small-en-v1.5}
 * limits the models compared, {@code -Drag.bench.texts=description} the chunk texts.
 */
@Tag("benchmark")
@IntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RagBenchmark {

    static final String SYNTHETIC = "bench-synthetic";
    static final String CLUSTER = "bench";
    static final SearchFilter FILTER = SearchFilter.clusters(Set.of(CLUSTER));
    /** Each search's list is fetched this deep once; fusion settings then cut it to their depth. */
    static final int MAX_DEPTH = 100;

    static final List<LocalEmbedder.Model> MODELS = List.of(
            new LocalEmbedder.Model(
                    "all-minilm-l6-v2",
                    384,
                    "",
                    "",
                    dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel::new),
            new LocalEmbedder.Model(
                    "bge-small-en-v1.5",
                    384,
                    "Represent this sentence for searching relevant passages: ",
                    "",
                    dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel::new),
            LocalEmbedder.DEFAULT);

    /** What each chunk carries besides its text. */
    enum ChunkText {
        /** Title and heading path (as before this benchmark's work). */
        HEADINGS,
        /** Title, heading path and the document's description (page summary, kind description). */
        DESCRIPTION;

        SourceDocument apply(SourceDocument d) {
            return this == DESCRIPTION
                    ? d
                    : new SourceDocument(
                            d.sourceId(),
                            d.cluster(),
                            d.chunks().stream().map(c -> c.withDescription("")).toList());
        }
    }

    static final List<Retriever.Fusion> FUSIONS = fusions();

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

    @Autowired
    Retriever retriever;

    @Autowired
    RagProperties properties;

    static MockCluster cluster;

    static List<IndexSource> testdata() {
        if (cluster == null)
            cluster = new MockCluster(MockCluster.allOpenApiFiles()).withCrds(TestData.files(TestData.CRDS, ".yaml"));
        return List.of(
                DocsSource.directory("bench-docs", TestData.DOCS),
                new CrdSource(CLUSTER, () -> cluster.client),
                new OpenApiSource(CLUSTER, () -> cluster.client));
    }

    static List<Retriever.Fusion> fusions() {
        var out = new ArrayList<Retriever.Fusion>();
        out.add(new Retriever.Fusion(60, 40, 40, 1.0, 0.0, 3)); // the setting before this work
        for (int k : new int[] {5, 15, 30, 60}) {
            for (int vd : new int[] {20, 40, 100}) {
                for (int td : new int[] {20, 40, 100}) {
                    for (double tw : new double[] {0.0, 0.3, 0.6, 1.0}) {
                        for (double w : new double[] {0.0, 0.5}) out.add(new Retriever.Fusion(k, vd, td, tw, w, 3));
                    }
                }
            }
        }
        return out;
    }

    /** One index: a model and a chunk text, with each question's first-hit rank per fusion setting. */
    record Run(
            String model,
            ChunkText text,
            int chunks,
            double indexSeconds,
            double queryMs,
            Map<Retriever.Fusion, Map<Integer, Integer>> hits,
            Map<Integer, Integer> vectorOnly,
            Map<Integer, Integer> textOnly) {}

    @Test
    @Order(1)
    void retrievalQualityAndIndexing() {
        var questions = RetrievalEval.load();
        assertThat(questions).hasSizeGreaterThanOrEqualTo(120);
        assertThat(questions.stream().filter(RetrievalEval.Question::heldout).count() * 2)
                .isBetween((long) questions.size() - 1, (long) questions.size() + 1);
        String only = System.getProperty("rag.bench.models", "");
        String texts = System.getProperty("rag.bench.texts", "");
        var runs = new ArrayList<Run>();
        for (LocalEmbedder.Model spec : MODELS) {
            if (!only.isBlank() && !List.of(only.split(",")).contains(spec.name())) continue;
            var model = spec == LocalEmbedder.DEFAULT ? LocalEmbedder.shared() : LocalEmbedder.of(spec);
            model.embed(List.of("warm up the model")); // loads the ONNX model outside the measurement
            for (ChunkText text : ChunkText.values()) {
                if (!texts.isBlank()
                        && !List.of(texts.split(",")).contains(text.name().toLowerCase(Locale.ROOT))) continue;
                Run run = measure(spec, model, text, questions);
                runs.add(run);
                report(questions, List.of(run)); // as it goes: a long comparison still shows what it has
            }
        }
        System.out.println("ALL RUNS");
        report(questions, runs);
    }

    private Run measure(
            LocalEmbedder.Model spec, Embedder model, ChunkText text, List<RetrievalEval.Question> questions) {
        String name = "bench-" + spec.name() + "-" + text.name().toLowerCase(Locale.ROOT);
        jdbc.sql("DELETE FROM ai_embeddings WHERE model = ?").param(name).update();
        var embedder = new CountingEmbedder(name, model);
        RagIndexer.Report first = indexer.run("benchmark", embedder, testdata(), false, text::apply);
        assertThat(first.sources()).allSatisfy(s -> assertThat(s.error()).isNull());
        System.out.printf(
                Locale.ROOT,
                "INDEXING %s: %d chunks from %d sources in %.1f s = %.1f chunks/s (read, chunk, embed, write,"
                        + " index rebuild %s)%n",
                name,
                first.embedded(),
                first.sources().size(),
                first.durationMs() / 1000.0,
                first.embedded() * 1000.0 / first.durationMs(),
                first.indexRebuilt());
        first.sources()
                .forEach(s -> System.out.printf(
                        Locale.ROOT,
                        "  %s: %d documents, %d chunks, %d ms%n",
                        s.source(),
                        s.documents(),
                        s.chunks(),
                        s.durationMs()));
        RagIndexer.Report second = indexer.run("benchmark", embedder, testdata(), false, text::apply);
        assertThat(second.embedded()).as("an unchanged re-run embeds nothing").isZero();
        assertEveryAnswerIsIndexed(name, questions);

        var hits = new LinkedHashMap<Retriever.Fusion, Map<Integer, Integer>>();
        FUSIONS.forEach(f -> hits.put(f, new HashMap<>()));
        var vectorOnly = new HashMap<Integer, Integer>();
        var textOnly = new HashMap<Integer, Integer>();
        long embedNanos = 0;
        for (var q : questions) {
            long t0 = System.nanoTime();
            float[] v = model.embedQuery(q.text());
            embedNanos += System.nanoTime() - t0;
            var byVector = store.vectorSearch(name, v, MAX_DEPTH, FILTER, false);
            var byText = store.textSearch(name, q.text(), MAX_DEPTH, FILTER);
            vectorOnly.put(q.id(), q.firstHit(byVector.subList(0, Math.min(8, byVector.size()))));
            textOnly.put(q.id(), q.firstHit(byText.subList(0, Math.min(8, byText.size()))));
            for (var f : FUSIONS) {
                var ranked = Retriever.rank(byVector, byText, f);
                hits.get(f).put(q.id(), q.firstHit(ranked.subList(0, Math.min(8, ranked.size()))));
            }
        }
        jdbc.sql("DELETE FROM ai_embeddings WHERE model = ?").param(name).update();
        return new Run(
                spec.name(),
                text,
                first.chunks(),
                first.durationMs() / 1000.0,
                embedNanos / 1e6 / questions.size(),
                hits,
                vectorOnly,
                textOnly);
    }

    /** Catches a typo in the question set: every expected document must exist in the index. */
    private void assertEveryAnswerIsIndexed(String model, List<RetrievalEval.Question> questions) {
        var ids = jdbc.sql("SELECT DISTINCT source_type, source_id FROM ai_embeddings WHERE model = ?")
                .param(model)
                .query((rs, n) -> RetrievalEval.document(rs))
                .list();
        var missing = questions.stream()
                .flatMap(q -> q.answers().stream())
                .filter(a -> ids.stream().noneMatch(a::matches))
                .distinct()
                .toList();
        assertThat(missing).as("expected answers that are not in the index").isEmpty();
    }

    private static void report(List<RetrievalEval.Question> questions, List<Run> runs) {
        var tune = questions.stream().filter(q -> !q.heldout()).toList();
        var heldout = questions.stream().filter(RetrievalEval.Question::heldout).toList();
        Retriever.Fusion before = FUSIONS.getFirst();
        System.out.println(
                "COMPARISON (hit@5; fusion 'tuned' = best hit@5 on the tune half, ties to the higher hit@1+hit@3)");
        System.out.println(
                "| model | chunk text | fusion | tune all | heldout all | heldout exact | heldout symptom | heldout paraphrase"
                        + " | heldout docs | heldout crd | heldout openapi | index s | query ms |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        Run best = null;
        Retriever.Fusion bestFusion = null;
        double bestScore = -1;
        for (Run run : runs) {
            row(run, "vector only", run.vectorOnly(), tune, heldout);
            row(run, "full-text only", run.textOnly(), tune, heldout);
            row(run, label(before), run.hits().get(before), tune, heldout);
            Retriever.Fusion tuned = tuned(run, tune);
            row(run, "tuned: " + label(tuned), run.hits().get(tuned), tune, heldout);
            double s = tuneKey(run.hits().get(tuned), tune);
            if (s > bestScore) {
                bestScore = s;
                best = run;
                bestFusion = tuned;
            }
        }
        if (best == null) return;
        System.out.printf("CHOSEN on the tune half: %s, %s, %s%n", best.model(), best.text(), label(bestFusion));
        RetrievalEval.detail(
                "before: " + runs.getFirst().model() + ", " + runs.getFirst().text() + ", " + label(before),
                questions,
                runs.getFirst().hits().get(before));
        RetrievalEval.detail(
                "chosen: " + best.model() + ", " + best.text() + ", " + label(bestFusion),
                questions,
                best.hits().get(bestFusion));
        Map<Integer, Integer> chosen = best.hits().get(bestFusion);
        var misses = tune.stream()
                .filter(q -> chosen.get(q.id()) == 0 || chosen.get(q.id()) > 5)
                .map(q -> "  tune miss@5 [" + q.style().name().toLowerCase(Locale.ROOT) + "] " + q.text())
                .toList();
        misses.forEach(System.out::println);
    }

    private static Retriever.Fusion tuned(Run run, List<RetrievalEval.Question> tune) {
        Retriever.Fusion best = FUSIONS.getFirst();
        double bestScore = -1;
        for (var f : FUSIONS) {
            double s = tuneKey(run.hits().get(f), tune);
            if (s > bestScore + 1e-9) {
                bestScore = s;
                best = f;
            }
        }
        return best;
    }

    /** Hit@5 first, then hit@1 + hit@3 to break ties (a small weight that cannot outweigh one more hit@5). */
    private static double tuneKey(Map<Integer, Integer> hits, List<RetrievalEval.Question> tune) {
        var s = RetrievalEval.score(tune, hits, q -> true);
        return s.at5() + 0.001 * (s.hits()[0] + s.hits()[1]);
    }

    private static void row(
            Run run,
            String fusion,
            Map<Integer, Integer> hits,
            List<RetrievalEval.Question> tune,
            List<RetrievalEval.Question> heldout) {
        var g = RetrievalEval.groups();
        var cells = new ArrayList<String>();
        cells.add(String.format(
                Locale.ROOT, "%.3f", RetrievalEval.score(tune, hits, q -> true).at5()));
        for (String group : List.of("all", "exact", "symptom", "paraphrase", "docs", "crd", "openapi")) {
            cells.add(String.format(
                    Locale.ROOT,
                    "%.3f",
                    RetrievalEval.score(heldout, hits, g.get(group)).at5()));
        }
        System.out.printf(
                Locale.ROOT,
                "| %s | %s | %s | %s | %.0f | %.1f |%n",
                run.model(),
                run.text().name().toLowerCase(Locale.ROOT),
                fusion,
                String.join(" | ", cells),
                run.indexSeconds(),
                run.queryMs());
    }

    static String label(Retriever.Fusion f) {
        return String.format(
                Locale.ROOT,
                "rrf k=%d, depths %d/%d, text weight %.1f, doc lift %.1f",
                f.rrfK(),
                f.vectorDepth(),
                f.textDepth(),
                f.textWeight(),
                f.documentWeight());
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
        // Real chunk texts (cycled) under the synthetic vectors, so the full-text half of a search meets real text.
        var texts = new ArrayList<Chunk>();
        for (IndexSource source : testdata()) source.list().documents().forEach(d -> texts.addAll(d.chunks()));
        var questions =
                RetrievalEval.load().stream().map(RetrievalEval.Question::text).toList();
        int loaded = 0;
        for (int target : new int[] {10_000, 100_000}) {
            loaded = load(sample, random, loaded, target, texts);
            indexes.maintain(SYNTHETIC, dims, true);
            jdbc.sql("ANALYZE ai_embeddings").update();
            // Exact answers once (they are also the exact scan's latency), then each index setting against them.
            var truth = new ArrayList<List<StoredChunk>>();
            long[] exact = new long[queries.size()];
            for (int i = 0; i < queries.size(); i++) {
                long t0 = System.nanoTime();
                truth.add(store.vectorSearch(SYNTHETIC, queries.get(i), 8, FILTER, -1));
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
            hybrid(target, queries, questions);
        }
        jdbc.sql("DELETE FROM ai_embeddings WHERE model = ?").param(SYNTHETIC).update();
        indexes.maintain(SYNTHETIC, dims, true);
    }

    private void measure(int rows, List<float[]> queries, List<List<StoredChunk>> truth, int probes) {
        int warm = 20;
        for (int i = 0; i < warm; i++) store.vectorSearch(SYNTHETIC, queries.get(i), 8, FILTER, probes);
        long[] ivf = new long[queries.size()];
        double recall = 0;
        for (int i = 0; i < queries.size(); i++) {
            long t0 = System.nanoTime();
            var approx = store.vectorSearch(SYNTHETIC, queries.get(i), 8, FILTER, probes);
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

    /**
     * The whole search as the retriever runs it, minus embedding the question: {@link Retriever}'s
     * own path with the default fusion for k = 8 (the vector list max(20, 4k) deep for one chunk per
     * page, the full-text list when the fusion weighs it, ranking, the context budget), one
     * synthetic query vector per question, the evaluation questions' text.
     */
    private void hybrid(int rows, List<float[]> queries, List<String> questions) {
        var f = Retriever.Fusion.DEFAULT;
        int k = 8;
        long[] nanos = new long[queries.size()];
        for (int round = 0; round < 2; round++) { // the first round warms up
            for (int i = 0; i < queries.size(); i++) {
                String q = questions.get(i % questions.size());
                long t0 = System.nanoTime();
                retriever.retrieve(SYNTHETIC, queries.get(i), q, k, FILTER, properties.contextTokens(), f);
                nanos[i] = System.nanoTime() - t0;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "SEARCH %d rows: whole search (Retriever, default fusion, k %d, vector depth %d, text weight %.1f)"
                        + " p50 %.1f ms p95 %.1f ms (%d queries)%n",
                rows,
                k,
                Math.max(f.documentCap() > 0 ? 4 * k : k, f.vectorDepth()),
                f.textWeight(),
                pct(nanos, 50),
                pct(nanos, 95),
                queries.size());
    }

    /** Adds synthetic rows with COPY until there are {@code target}. */
    private int load(Function<Random, float[]> sample, Random random, int from, int target, List<Chunk> texts)
            throws Exception {
        var sb = new StringBuilder();
        try (Connection c = dataSource.getConnection()) {
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (int i = from; i < target; i++) {
                Chunk t = texts.get(i % texts.size());
                sb.append("bench-synthetic\tdocs\tsyn-")
                        .append(i)
                        .append("\t0\t")
                        .append(copyText(t.content()))
                        .append("\th")
                        .append(i)
                        .append('\t')
                        .append(SYNTHETIC)
                        .append("\t384\t")
                        .append(Vectors.text(sample.apply(random)))
                        .append('\t')
                        .append(copyText(t.title()))
                        .append('\t')
                        .append(copyText(t.section()))
                        .append('\t')
                        .append(copyText(t.shortDescription()))
                        .append('\n');
                if (sb.length() > 8_000_000 || i == target - 1) {
                    copy.copyIn(
                            "COPY ai_embeddings (source, source_type, source_id, chunk_index, content, content_hash, model, dims,"
                                    + " embedding, title, section, description) FROM STDIN",
                            new StringReader(sb.toString()));
                    sb.setLength(0);
                }
            }
        }
        return target;
    }

    /** COPY's text format: backslash, tab and newline escaped. */
    private static String copyText(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
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
