package dev.pilothouse.ai.rag;

import dev.pilothouse.ai.provider.LocalEmbedder;
import dev.pilothouse.support.IntegrationTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Run 5 of the retrieval levers (issue 15, docs/benchmarks.md "RAG"): sentence vectors beside the
 * chunk vectors. Mean pooling over a 512-piece chunk dilutes the one sentence that answers a
 * paraphrased question ("a logs collection daemon on every node"); each sentence embedded on its
 * own (with its page title before it, for context) lets a chunk score by its best sentence. A
 * chunk's score = (1 − β) × its own similarity + β × its best sentence's, β ∈ {0…1}. Scored in
 * memory over the E5 index {@link RagEnsembleBenchmark} builds; chosen on the tune half under the
 * style rule, the held-back half printed for the default and the chosen setting only.
 * Run: {@code mvn -Pbench -Dskip.web test -Dtest=RagSentenceBenchmark}.
 */
@Tag("benchmark")
@IntegrationTest
class RagSentenceBenchmark {

    static final String NAME = "bench-ens-e5";

    @Autowired
    RagIndexer indexer;

    @Autowired
    JdbcClient jdbc;

    record Setting(String text, double beta) {
        String label() {
            return beta == 0 ? "chunks only" : String.format(Locale.ROOT, "sentences (%s) β %.2f", text, beta);
        }
    }

    @Test
    void sentenceVectors() {
        var questions = RetrievalEval.load();
        LocalEmbedder model = LocalEmbedder.shared();
        List<RagLeversBenchmark.Row> rows = RagLeversBenchmark.indexedRows(indexer, jdbc, NAME, model);
        var index = new RagLeversBenchmark.Index(rows);

        // Every chunk's sentences, embedded as passages: bare, and with the page title before them.
        var owner = new ArrayList<Integer>();
        var bare = new ArrayList<String>();
        var titled = new ArrayList<String>();
        for (int r = 0; r < rows.size(); r++) {
            StoredChunk c = rows.get(r).chunk();
            for (String s : sentences(c.content())) {
                owner.add(r);
                bare.add(s);
                titled.add(c.title() + ": " + s);
            }
        }
        var vectors = new HashMap<String, List<float[]>>();
        for (var e : Map.of("bare", bare, "titled", titled).entrySet()) {
            long t0 = System.nanoTime();
            vectors.put(e.getKey(), model.embed(e.getValue()));
            System.out.printf(
                    Locale.ROOT,
                    "SENTENCES %s: %d sentences of %d chunks embedded in %.1f s%n",
                    e.getKey(),
                    e.getValue().size(),
                    rows.size(),
                    (System.nanoTime() - t0) / 1e9);
        }

        var settings = new ArrayList<Setting>();
        settings.add(new Setting("none", 0));
        for (String text : List.of("bare", "titled"))
            for (double beta : new double[] {0.2, 0.35, 0.5, 0.65, 0.8, 1.0}) settings.add(new Setting(text, beta));

        var hits = new HashMap<Setting, Map<Integer, Integer>>();
        for (var s : settings) hits.put(s, new HashMap<>());
        for (var q : questions) {
            List<float[]> queries = RagLeversBenchmark.queryVectors(model, q.text());
            double[] chunk = new double[rows.size()];
            for (int r = 0; r < rows.size(); r++)
                chunk[r] = best(queries, rows.get(r).v());
            var bestSentence = new HashMap<String, double[]>();
            for (var e : vectors.entrySet()) {
                double[] b = new double[rows.size()];
                java.util.Arrays.fill(b, -2);
                List<float[]> vs = e.getValue();
                for (int i = 0; i < vs.size(); i++)
                    b[owner.get(i)] = Math.max(b[owner.get(i)], best(queries, vs.get(i)));
                // A chunk with no sentence of its own (a table, a list of fields) keeps its own similarity.
                for (int r = 0; r < b.length; r++) if (b[r] < -1) b[r] = chunk[r];
                bestSentence.put(e.getKey(), b);
            }
            for (var s : settings) {
                double[] score = chunk.clone();
                if (s.beta() > 0) {
                    double[] b = bestSentence.get(s.text());
                    for (int r = 0; r < score.length; r++) score[r] = (1 - s.beta()) * chunk[r] + s.beta() * b[r];
                }
                hits.get(s).put(q.id(), q.firstHit(index.rank(score, RagEnsembleBenchmark.ONE_PER_PAGE, 8)));
            }
        }

        RetrievalEval.chooseOnTuneHalf(questions, settings, Setting::label, hits);
    }

    /** A chunk's prose sentences of three words or more (tables, code and field lists give few). */
    static List<String> sentences(String content) {
        var out = new ArrayList<String>();
        for (String line : content.split("\n")) {
            String l = line.strip();
            if (l.startsWith("```") || l.startsWith("|")) continue;
            for (String s : l.split("(?<=[.?!;:])\\s+")) if (Chunk.words(s) >= 3) out.add(s.strip());
        }
        return out;
    }

    private static double best(List<float[]> queries, float[] v) {
        double b = -2;
        for (float[] q : queries) b = Math.max(b, RagLeversBenchmark.dot(q, v));
        return b;
    }
}
