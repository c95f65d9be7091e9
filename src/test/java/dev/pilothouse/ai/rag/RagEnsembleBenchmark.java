package dev.pilothouse.ai.rag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.ai.provider.LocalEmbedder;
import dev.pilothouse.support.IntegrationTest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Run 4 of the retrieval levers (issue 15, docs/benchmarks.md "RAG"), on top of the default
 * (E5-small-v2, descriptions, the question's sentences, one chunk per page): a second local model
 * whose similarities are added to E5's (each standardised per question over all chunks), and
 * pseudo-relevance feedback (each query vector moved toward the mean of its first m chunks, then
 * searched again). Each model indexes the test data through the real indexer under its own name;
 * scoring is in memory by exact cosine. Chosen on the tune half, no style (exact, symptom) below
 * the default there; the held-back half is printed for the default and the chosen setting only.
 * Run: {@code mvn -Pbench -Dskip.web test -Dtest=RagEnsembleBenchmark}.
 */
@Tag("benchmark")
@IntegrationTest
class RagEnsembleBenchmark {

    static final RagLeversBenchmark.Setting ONE_PER_PAGE =
            new RagLeversBenchmark.Setting("sentences-max", Double.NaN, "none", 0, 1);

    @Autowired
    RagIndexer indexer;

    @Autowired
    JdbcClient jdbc;

    /** A lever setting: the second model and its weight, and the feedback depth and strength. */
    record Setting(String second, double weight, int feedbackDepth, double feedback) {
        String label() {
            return String.format(
                    Locale.ROOT,
                    "second model %s; feedback %s",
                    second.equals("none") ? "none" : second + " weight " + weight,
                    feedbackDepth == 0 ? "none" : "top " + feedbackDepth + " × " + feedback);
        }

        int levers() {
            return (second.equals("none") ? 0 : 1) + (feedbackDepth == 0 ? 0 : 1);
        }
    }

    static final Setting DEFAULT = new Setting("none", 0, 0, 0);

    /** One model's chunks (no cards) in the E5 index's row order, and each question's query vectors. */
    record ModelRows(List<float[]> vectors, Map<Integer, List<float[]>> queries) {}

    @Test
    void ensembleAndFeedback() {
        var questions = RetrievalEval.load();
        var models = new LinkedHashMap<String, LocalEmbedder.Model>();
        models.put("e5", LocalEmbedder.DEFAULT);
        for (var m : RagBenchmark.MODELS) {
            if (m.name().startsWith("bge")) models.put("bge", m);
            if (m.name().startsWith("all-minilm")) models.put("minilm", m);
        }
        List<RagLeversBenchmark.Row> rows = null;
        var perModel = new LinkedHashMap<String, ModelRows>();
        for (var e : models.entrySet()) {
            String name = "bench-ens-" + e.getKey();
            LocalEmbedder model = e.getKey().equals("e5") ? LocalEmbedder.shared() : LocalEmbedder.of(e.getValue());
            model.embed(List.of("warm up the model"));
            List<RagLeversBenchmark.Row> loaded = RagLeversBenchmark.indexedRows(indexer, jdbc, name, model);
            if (rows == null) rows = loaded;
            var byKey = new HashMap<String, float[]>();
            loaded.forEach(r -> byKey.put(key(r.chunk()), r.v()));
            var vectors = new ArrayList<float[]>();
            for (var r : rows) vectors.add(assertPresent(byKey.get(key(r.chunk())), key(r.chunk())));
            var queries = new HashMap<Integer, List<float[]>>();
            long nanos = 0;
            for (var q : questions) {
                long t0 = System.nanoTime();
                queries.put(q.id(), RagLeversBenchmark.queryVectors(model, q.text()));
                nanos += System.nanoTime() - t0;
            }
            System.out.printf(
                    Locale.ROOT,
                    "QUERY %s: %.1f ms per question (its sentences included)%n",
                    name,
                    nanos / 1e6 / questions.size());
            perModel.put(e.getKey(), new ModelRows(vectors, queries));
        }

        var index = new RagLeversBenchmark.Index(rows);
        var settings = new ArrayList<Setting>();
        for (String second : List.of("none", "bge", "minilm")) {
            for (double w : second.equals("none") ? new double[] {0} : new double[] {0.2, 0.35, 0.5}) {
                settings.add(new Setting(second, w, 0, 0));
                for (int m : new int[] {3, 5, 10})
                    for (double b : new double[] {0.25, 0.5, 1.0}) settings.add(new Setting(second, w, m, b));
            }
        }
        var hits = new HashMap<Setting, Map<Integer, Integer>>();
        var rankedDefault = new HashMap<Integer, List<StoredChunk>>();
        for (Setting s : settings) {
            var h = new HashMap<Integer, Integer>();
            for (var q : questions) {
                double[] score = standardised(similarities(perModel.get("e5"), q.id(), s, index));
                if (!s.second().equals("none")) {
                    double[] other = standardised(similarities(perModel.get(s.second()), q.id(), s, index));
                    for (int r = 0; r < score.length; r++)
                        score[r] = (1 - s.weight()) * score[r] + s.weight() * other[r];
                }
                List<StoredChunk> ranked = index.rank(score, ONE_PER_PAGE, 8);
                if (s.equals(DEFAULT)) rankedDefault.put(q.id(), ranked);
                h.put(q.id(), q.firstHit(ranked));
            }
            hits.put(s, h);
        }

        var tune = questions.stream().filter(q -> !q.heldout()).toList();
        Map<Integer, Integer> base = hits.get(DEFAULT);
        Predicate<Setting> keepsStyles = s -> RetrievalEval.keepsStyles(tune, hits.get(s), base);
        Comparator<Setting> byTune = Comparator.<Setting>comparingDouble(s -> RetrievalEval.tuneKey(tune, hits.get(s)))
                .reversed()
                .thenComparingInt(Setting::levers);

        System.out.println("TUNE MISSES of the default (tune half only; rank 0 = not in the first 8)");
        for (var q : tune) {
            if (base.get(q.id()) > 0 && base.get(q.id()) <= 5) continue;
            System.out.printf(Locale.ROOT, "MISS %d %s rank %d: %s%n", q.id(), q.style(), base.get(q.id()), q.text());
            System.out.println("  expected " + q.answers());
            rankedDefault.get(q.id()).stream()
                    .limit(5)
                    .forEach(c -> System.out.println("  got " + c.sourceId() + " | " + c.section()));
        }

        System.out.println("TUNE HALF ONLY (hit@5 per group; all: hit@1/3/5/8)");
        System.out.println(
                "| setting | all @1 | @3 | @5 | @8 | exact | symptom | paraphrase | docs | crd | openapi | keeps |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        var families = new LinkedHashMap<String, Predicate<Setting>>();
        families.put("default", s -> s.equals(DEFAULT));
        families.put("feedback only", s -> s.second().equals("none"));
        families.put("bge only", s -> s.second().equals("bge") && s.feedbackDepth() == 0);
        families.put("minilm only", s -> s.second().equals("minilm") && s.feedbackDepth() == 0);
        families.put("any", s -> true);
        Setting chosen = DEFAULT;
        for (var f : families.entrySet()) {
            Setting best = settings.stream()
                    .filter(f.getValue())
                    .filter(keepsStyles)
                    .min(byTune)
                    .orElse(DEFAULT);
            System.out.print("| " + f.getKey() + ": ");
            RetrievalEval.tuneRow(best.label(), tune, hits.get(best), keepsStyles.test(best));
            if (f.getKey().equals("any")) chosen = best;
        }
        System.out.println("TOP 12 on the tune half (style rule applied)");
        settings.stream()
                .filter(keepsStyles)
                .sorted(byTune)
                .limit(12)
                .forEach(s -> RetrievalEval.tuneRow(s.label(), tune, hits.get(s), true));

        RetrievalEval.detail("default: " + DEFAULT.label(), questions, base);
        if (!chosen.equals(DEFAULT)) RetrievalEval.detail("chosen: " + chosen.label(), questions, hits.get(chosen));
    }

    /** A question's similarity to every chunk under one model: the best of its query vectors, after feedback. */
    private static double[] similarities(ModelRows m, int question, Setting s, RagLeversBenchmark.Index index) {
        List<float[]> queries = m.queries().get(question);
        double[] sim = best(m.vectors(), queries);
        if (s.feedbackDepth() == 0) return sim;
        // The first m chunks (one per page, as the results show them) pull each query vector toward them.
        var order = new ArrayList<Integer>();
        for (int r = 0; r < sim.length; r++) order.add(r);
        order.sort((a, b) -> Double.compare(sim[b], sim[a]));
        float[] centroid = new float[m.vectors().getFirst().length];
        var pages = new java.util.HashSet<Integer>();
        int taken = 0;
        for (int r : order) {
            if (taken == s.feedbackDepth()) break;
            if (!pages.add(index.docOf[r])) continue;
            float[] v = m.vectors().get(r);
            for (int i = 0; i < v.length; i++) centroid[i] += v[i];
            taken++;
        }
        RagLeversBenchmark.unit(centroid);
        var moved = new ArrayList<float[]>();
        for (float[] q : queries) {
            float[] v = q.clone();
            for (int i = 0; i < v.length; i++) v[i] += (float) s.feedback() * centroid[i];
            moved.add(RagLeversBenchmark.unit(v));
        }
        return best(m.vectors(), moved);
    }

    private static double[] best(List<float[]> vectors, List<float[]> queries) {
        double[] s = new double[vectors.size()];
        for (int r = 0; r < s.length; r++) {
            double b = -2;
            for (float[] q : queries) b = Math.max(b, RagLeversBenchmark.dot(q, vectors.get(r)));
            s[r] = b;
        }
        return s;
    }

    /** (x − mean) / sd over all chunks: the two models' cosines live on different scales. */
    private static double[] standardised(double[] x) {
        double mean = 0;
        for (double v : x) mean += v;
        mean /= x.length;
        double var = 0;
        for (double v : x) var += (v - mean) * (v - mean);
        double sd = Math.sqrt(var / x.length);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) out[i] = (x[i] - mean) / sd;
        return out;
    }

    private static String key(StoredChunk c) {
        return c.sourceType().id() + "\n" + c.sourceId() + "\n" + c.cluster() + "\n" + c.chunkIndex();
    }

    private static float[] assertPresent(float[] v, String key) {
        assertThat(v).as("the same chunk under every model: " + key).isNotNull();
        return v;
    }
}
