package dev.pilothouse.ai.rag;

import dev.pilothouse.ai.provider.LocalEmbedder;
import dev.pilothouse.support.IntegrationTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Run 6 of the retrieval levers (issue 15, docs/benchmarks.md "RAG"): hubness reduction. Many of
 * the misses are won by the same generic chunks (section overviews such as
 * {@code concepts/workloads/_index.md}) that sit close to everything. CSLS (cross-domain similarity
 * local scaling) discounts a chunk by how close it is to its own nearest neighbours: a chunk's
 * score = cos(q, c) − λ × r(c), r(c) the mean cosine of c to its k nearest chunks of other pages. Scored
 * in memory over the E5 index {@link RagEnsembleBenchmark} builds; chosen on the tune half under
 * the style rule, held back printed for the default and the chosen setting only.
 * Run: {@code mvn -Pbench -Dskip.web test -Dtest=RagHubnessBenchmark}.
 */
@Tag("benchmark")
@IntegrationTest
class RagHubnessBenchmark {

    @Autowired
    RagIndexer indexer;

    @Autowired
    JdbcClient jdbc;

    record Setting(int k, double lambda) {
        String label() {
            return lambda == 0 ? "no hubness discount" : String.format(Locale.ROOT, "k %d, λ %.2f", k, lambda);
        }
    }

    @Test
    void hubnessReduction() {
        var questions = RetrievalEval.load();
        LocalEmbedder model = LocalEmbedder.shared();
        List<RagLeversBenchmark.Row> rows =
                RagLeversBenchmark.indexedRows(indexer, jdbc, RagSentenceBenchmark.NAME, model);
        var index = new RagLeversBenchmark.Index(rows);
        int n = rows.size();

        // Each chunk's similarities to every other chunk, sorted: its neighbourhood density at any k.
        int[] ks = {5, 10, 25};
        var density = new HashMap<Integer, double[]>();
        for (int k : ks) density.put(k, new double[n]);
        long t0 = System.nanoTime();
        // Neighbours from other pages only (and not another version of the same CRD or schema):
        // a page's own chunks and a CRD's near-identical versions would read as density.
        String[] page = new String[n];
        for (int r = 0; r < n; r++) page[r] = rows.get(r).chunk().sourceId().replaceAll("@.*$", "");
        for (int a = 0; a < n; a++) {
            double[] sims = new double[n];
            int j = 0;
            for (int b = 0; b < n; b++)
                if (!page[b].equals(page[a]))
                    sims[j++] =
                            RagLeversBenchmark.dot(rows.get(a).v(), rows.get(b).v());
            sims = Arrays.copyOf(sims, j);
            Arrays.sort(sims);
            for (int k : ks) {
                double sum = 0;
                for (int i = 0; i < k; i++) sum += sims[sims.length - 1 - i];
                density.get(k)[a] = sum / k;
            }
        }
        System.out.printf(Locale.ROOT, "DENSITY of %d chunks in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
        var top = new ArrayList<Integer>();
        for (int r = 0; r < n; r++) top.add(r);
        top.sort(Comparator.comparingDouble(r -> -density.get(10)[r]));
        top.stream()
                .limit(10)
                .forEach(r -> System.out.printf(
                        Locale.ROOT,
                        "DENSEST %.3f %s | %s%n",
                        density.get(10)[r],
                        rows.get(r).chunk().sourceId(),
                        rows.get(r).chunk().section()));

        var settings = new ArrayList<Setting>();
        settings.add(new Setting(10, 0));
        for (int k : ks) for (double l : new double[] {0.1, 0.25, 0.5, 0.75, 1.0}) settings.add(new Setting(k, l));
        var hits = new HashMap<Setting, Map<Integer, Integer>>();
        for (var s : settings) hits.put(s, new HashMap<>());
        for (var q : questions) {
            List<float[]> queries = RagLeversBenchmark.queryVectors(model, q.text());
            double[] sim = new double[n];
            for (int r = 0; r < n; r++) {
                double b = -2;
                for (float[] v : queries)
                    b = Math.max(b, RagLeversBenchmark.dot(v, rows.get(r).v()));
                sim[r] = b;
            }
            for (var s : settings) {
                double[] score = sim.clone();
                double[] d = density.get(s.k());
                for (int r = 0; r < n; r++) score[r] -= s.lambda() * d[r];
                hits.get(s).put(q.id(), q.firstHit(index.rank(score, RagEnsembleBenchmark.ONE_PER_PAGE, 8)));
            }
        }

        RetrievalEval.chooseOnTuneHalf(questions, settings, Setting::label, hits);
    }
}
