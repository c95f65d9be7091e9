package dev.pilothouse.ai.rag;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.pilothouse.ai.provider.Embedder;
import dev.pilothouse.ai.provider.LocalEmbedder;
import dev.pilothouse.support.IntegrationTest;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where an index run of ../shared/testdata with the default model spends its time
 * (docs/benchmarks.md "Indexing throughput"): listing each source (reading and chunking the docs,
 * fetching CRDs and OpenAPI documents from the mock API server), the word pieces of each text the
 * model reads, embedding alone, the database writes and the ivfflat rebuild alone (the indexer run
 * again with the vectors replayed), and the real indexer from an empty index.
 * Run: {@code mvn -Pbench -Dskip.web test -Dtest=RagIndexingBenchmark}; {@code -Drag.bench.full=false}
 * leaves out the real run.
 */
@Tag("benchmark")
@IntegrationTest
class RagIndexingBenchmark {

    static final String REPLAYED = "bench-speed-replayed";
    static final String REAL = "bench-speed-real";

    @Autowired
    RagIndexer indexer;

    @Autowired
    VectorIndexes indexes;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Retriever retriever;

    @Autowired
    RagProperties properties;

    /**
     * The cap on the word pieces the model reads of a passage: for each cap the test data is indexed
     * by the real indexer (timed), then every question of the evaluation set goes through the
     * retriever's own path (ivfflat, {@link Retriever.Fusion#DEFAULT}, the server's context budget),
     * as {@code POST /api/ai/rag/search} with k = 8 runs it. The tune half is printed for every cap;
     * the held-back half only for the first cap (the default before) and for the smallest cap under
     * which no style falls on the tune half. {@code -Drag.bench.caps=512,384,256}.
     */
    @Test
    void wordPieceCapsThroughTheRealSearch() {
        var questions = RetrievalEval.load();
        var tune = questions.stream().filter(q -> !q.heldout()).toList();
        var g = RetrievalEval.groups();
        var caps = Arrays.stream(
                        System.getProperty("rag.bench.caps", "512,384,256").split(","))
                .map(String::strip)
                .map(Integer::parseInt)
                .toList();
        var hitsByCap = new LinkedHashMap<Integer, Map<Integer, Integer>>();
        for (int cap : caps) {
            String name = "bench-cap-" + cap;
            var model = LocalEmbedder.of(LocalEmbedder.e5SmallV2(name, cap));
            model.embed(List.of("warm up the model"));
            jdbc.sql("DELETE FROM ai_embeddings WHERE model = ?").param(name).update();
            RagIndexer.Report run = indexer.run("benchmark", model, RagBenchmark.testdata(), false);
            assertThat(run.sources()).allSatisfy(s -> assertThat(s.error()).isNull());
            report("cap " + cap, run);
            var hits = new HashMap<Integer, Integer>();
            long nanos = 0;
            long[] each = new long[questions.size()];
            int i = 0;
            for (var q : questions) {
                long t0 = System.nanoTime();
                var found = retriever.retrieve(model, q.text(), 8, RagBenchmark.FILTER, properties.contextTokens());
                each[i++] = System.nanoTime() - t0;
                nanos += each[i - 1];
                hits.put(
                        q.id(),
                        q.firstHit(found.chunks().stream()
                                .map(c -> stored(name, c))
                                .toList()));
            }
            Arrays.sort(each);
            System.out.printf(
                    Locale.ROOT,
                    "SEARCH cap %d: %d questions through Retriever.retrieve (embedding included): mean %.1f ms, p95 %.1f ms%n",
                    cap,
                    questions.size(),
                    nanos / 1e6 / questions.size(),
                    each[(int) Math.ceil(0.95 * each.length) - 1] / 1e6);
            hitsByCap.put(cap, hits);
            System.out.println("TUNE cap " + cap + " | group | n | hit@1 | hit@3 | hit@5 | hit@8 |");
            for (var e : g.entrySet())
                System.out.printf(
                        Locale.ROOT,
                        "| tune | %s | %d | %s |%n",
                        e.getKey(),
                        RetrievalEval.score(tune, hits, e.getValue()).n(),
                        RetrievalEval.score(tune, hits, e.getValue()).cells());
            jdbc.sql("DELETE FROM ai_embeddings WHERE model = ?").param(name).update();
            indexes.maintain(name, 384, true);
        }
        int before = caps.getFirst();
        var base = hitsByCap.get(before);
        int chosen = before;
        for (int cap : caps) {
            var h = hitsByCap.get(cap);
            boolean keeps = true;
            for (String group : List.of("all", "exact", "symptom", "paraphrase")) {
                keeps &= RetrievalEval.score(tune, h, g.get(group)).at5()
                        >= RetrievalEval.score(tune, base, g.get(group)).at5() - 1e-9;
            }
            if (keeps && cap < chosen) chosen = cap;
        }
        System.out.println("CHOSEN on the tune half (no style below cap " + before + " at hit@5): cap " + chosen);
        RetrievalEval.detail("real path, cap " + before, questions, base);
        if (chosen != before) RetrievalEval.detail("real path, cap " + chosen, questions, hitsByCap.get(chosen));
    }

    /** A retrieved chunk's stored row, for its document. */
    private StoredChunk stored(String model, Retriever.RetrievedChunk c) {
        return jdbc.sql(
                        "SELECT source_type, source_id FROM ai_embeddings WHERE model = ? AND location = ? AND content = ?"
                                + " LIMIT 1")
                .params(model, c.citation().location(), c.content())
                .query((rs, n) -> RetrievalEval.document(rs))
                .single();
    }

    @Test
    void whereTheTimeGoes() throws Exception {
        LocalEmbedder model = LocalEmbedder.shared();
        model.embed(List.of("warm up the model"));
        List<IndexSource> sources = RagBenchmark.testdata();

        // 1. Listing: the first pass also starts the mock server's handlers and the JIT.
        var texts = new LinkedHashMap<String, List<String>>();
        for (int pass = 1; pass <= 2; pass++) {
            for (IndexSource source : sources) {
                long t0 = System.nanoTime();
                var docs = source.list().documents();
                long ms = (System.nanoTime() - t0) / 1_000_000;
                var embedded = docs.stream()
                        .flatMap(d -> d.chunks().stream())
                        .map(Chunk::embeddingText)
                        .toList();
                texts.put(source.key(), embedded);
                System.out.printf(
                        Locale.ROOT,
                        "LIST pass %d %s: %d documents, %d chunks, %d ms%n",
                        pass,
                        source.key(),
                        docs.size(),
                        embedded.size(),
                        ms);
            }
        }

        // 2. Word pieces per text as the model gets it (with "passage: ", [CLS] and [SEP]).
        try (InputStream json = dev.langchain4j.model.embedding.onnx.e5smallv2q.E5SmallV2QuantizedEmbeddingModel.class
                        .getResourceAsStream("/e5-small-v2-q-tokenizer.json");
                var tokenizer = HuggingFaceTokenizer.newInstance(json, Map.of("padding", "false"))) {
            var all = new ArrayList<Integer>();
            for (var e : texts.entrySet()) {
                var counts = e.getValue().stream()
                        .map(t -> tokenizer
                                .tokenize(LocalEmbedder.DEFAULT.passagePrefix() + t)
                                .size())
                        .toList();
                all.addAll(counts);
                printPieces(e.getKey(), counts);
            }
            printPieces("all", all);
        }

        // 3. Embedding alone, source by source, in the indexer's calls of EMBED_BATCH texts.
        var vectors = new HashMap<String, float[]>();
        long embedTotal = 0;
        int embeddedTexts = 0;
        for (var e : texts.entrySet()) {
            long t0 = System.nanoTime();
            List<String> list = e.getValue();
            for (int from = 0; from < list.size(); from += RagIndexer.EMBED_BATCH) {
                var batch = list.subList(from, Math.min(list.size(), from + RagIndexer.EMBED_BATCH));
                var out = model.embed(batch);
                for (int i = 0; i < batch.size(); i++) vectors.put(batch.get(i), out.get(i));
            }
            long ns = System.nanoTime() - t0;
            embedTotal += ns;
            embeddedTexts += list.size();
            System.out.printf(
                    Locale.ROOT,
                    "EMBED %s: %d texts in %.1f s = %.1f texts/s%n",
                    e.getKey(),
                    list.size(),
                    ns / 1e9,
                    list.size() / (ns / 1e9));
        }
        System.out.printf(
                Locale.ROOT,
                "EMBED all: %d texts in %.1f s = %.1f texts/s%n",
                embeddedTexts,
                embedTotal / 1e9,
                embeddedTexts / (embedTotal / 1e9));

        // 4. The indexer with the vectors replayed: listing, hashing, writes and the rebuild, no model.
        var replay = new Replay(REPLAYED, vectors);
        jdbc.sql("DELETE FROM ai_embeddings WHERE model = ?").param(REPLAYED).update();
        RagIndexer.Report replayed = indexer.run("benchmark", replay, sources, false);
        assertThat(replayed.sources()).allSatisfy(s -> assertThat(s.error()).isNull());
        report("REPLAYED (no model)", replayed);
        long t0 = System.nanoTime();
        indexes.build(REPLAYED, 384, VectorIndexes.desiredLists(replayed.embedded()));
        System.out.printf(
                Locale.ROOT,
                "REBUILD ivfflat alone, %d rows: %d ms%n",
                replayed.embedded(),
                (System.nanoTime() - t0) / 1_000_000);
        jdbc.sql("DELETE FROM ai_embeddings WHERE model = ?").param(REPLAYED).update();
        indexes.maintain(REPLAYED, 384, true);

        // 5. The real indexer, from an empty index, as a server runs it.
        if (Boolean.parseBoolean(System.getProperty("rag.bench.full", "true"))) {
            jdbc.sql("DELETE FROM ai_embeddings WHERE model = ?").param(REAL).update();
            RagIndexer.Report real = indexer.run("benchmark", new CountingEmbedder(REAL, model), sources, false);
            assertThat(real.sources()).allSatisfy(s -> assertThat(s.error()).isNull());
            report("REAL", real);
            jdbc.sql("DELETE FROM ai_embeddings WHERE model = ?").param(REAL).update();
            indexes.maintain(REAL, 384, true);
        }
    }

    private static void report(String what, RagIndexer.Report r) {
        System.out.printf(
                Locale.ROOT,
                "INDEX %s: %d chunks embedded in %.1f s = %.1f chunks/s (rebuilt %s)%n",
                what,
                r.embedded(),
                r.durationMs() / 1000.0,
                r.embedded() * 1000.0 / r.durationMs(),
                r.indexRebuilt());
        r.sources()
                .forEach(s -> System.out.printf(
                        Locale.ROOT, "  %s: %d chunks, %d ms%n", s.source(), s.chunks(), s.durationMs()));
    }

    private static void printPieces(String what, List<Integer> counts) {
        int[] sorted = counts.stream().mapToInt(Integer::intValue).sorted().toArray();
        long total = Arrays.stream(sorted).asLongStream().sum();
        System.out.printf(
                Locale.ROOT,
                "PIECES %s: %d texts, total %d, mean %.0f, p50 %d, p90 %d, p99 %d, max %d;"
                        + " > 256: %d, > 384: %d, > 512 (partitioned): %d%n",
                what,
                sorted.length,
                total,
                total / (double) sorted.length,
                pct(sorted, 50),
                pct(sorted, 90),
                pct(sorted, 99),
                sorted[sorted.length - 1],
                Arrays.stream(sorted).filter(n -> n > 256).count(),
                Arrays.stream(sorted).filter(n -> n > 384).count(),
                Arrays.stream(sorted).filter(n -> n > 512).count());
    }

    private static int pct(int[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    /** Gives back the vectors embedded before, by text: the indexer's own work without the model's. */
    record Replay(String modelName, Map<String, float[]> vectors) implements Embedder {
        @Override
        public int dimensions() {
            return 384;
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            return texts.stream()
                    .map(t -> {
                        float[] v = vectors.get(t);
                        if (v == null) throw new IllegalStateException("not embedded before: " + t);
                        return v;
                    })
                    .toList();
        }
    }
}
