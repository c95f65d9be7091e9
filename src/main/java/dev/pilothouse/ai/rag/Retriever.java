package dev.pilothouse.ai.rag;

import dev.pilothouse.ai.provider.Embedder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Question → context for the model: embed the question, search by vector and by text, fuse the
 * two rankings by reciprocal rank, let a document's other good chunks lift each of its chunks,
 * drop repeats (the same CRD in two clusters, say), and keep the best chunks that fit a token
 * budget, each with its citation.
 */
@Component
public class Retriever {

    private final EmbeddingStore store;

    Retriever(EmbeddingStore store) {
        this.store = store;
    }

    /**
     * How the two rankings are combined; the defaults were chosen on the tuning half of the
     * evaluation set (docs/benchmarks.md): there, with E5-small-v2 and chunks that carry their
     * page's description, the full-text list at any weight lowered hit@5 on users' questions, so
     * it counts for nothing by default (weight 0) and is not fetched.
     *
     * @param rrfK reciprocal rank constant: a chunk at rank r adds 1 / (rrfK + r)
     * @param vectorDepth, textDepth how many chunks each search contributes
     * @param textWeight what a rank in the full-text list counts against the same rank in the vector list
     * @param documentWeight share of a document's other chunks' scores added to each of its chunks (0: off)
     * @param documentChunks how many of a document's best chunks count towards that (its own included)
     * @param documentCap how many chunks of one document the results hold at most (0: no cap). With 1,
     *     the first k results are k different pages: on the tune half that raised hit@5 from 0.69 to
     *     0.75, since most misses were a neighbouring page's second and third chunks crowding out the
     *     answer (docs/benchmarks.md)
     * @param sentences also search each sentence of a question of several, a chunk counting with its
     *     best similarity ("My pods restart. Why?": the situation and the ask match different chunks)
     */
    record Fusion(
            int rrfK,
            int vectorDepth,
            int textDepth,
            double textWeight,
            double documentWeight,
            int documentChunks,
            int documentCap,
            boolean sentences) {
        static final Fusion DEFAULT = new Fusion(5, 20, 20, 0.0, 0.0, 3, 1, true);

        Fusion(int rrfK, int vectorDepth, int textDepth, double textWeight, double documentWeight, int documentChunks) {
            this(rrfK, vectorDepth, textDepth, textWeight, documentWeight, documentChunks, 0, false);
        }
    }

    /** Splits a question into sentences of three words or more; one sentence: none. */
    static List<String> sentences(String question) {
        var out = new ArrayList<String>();
        for (String s : question.split("(?<=[.?!;:])\\s+")) if (Chunk.words(s) >= 3) out.add(s.strip());
        return out.size() > 1 ? out : List.of();
    }

    /** Where a chunk came from, for the model to cite and the user to follow. */
    public record Citation(SourceType sourceType, String title, String section, String location, String cluster) {}

    /**
     * @param score the fused score the chunks are ordered by
     * @param similarity cosine similarity to the question, null when only the text search found it
     * @param textRank rank in the full-text search (1 = best), null when it did not match
     */
    public record RetrievedChunk(
            int rank,
            double score,
            Double similarity,
            Integer textRank,
            Citation citation,
            String content,
            int tokens) {}

    public record Retrieval(String model, List<RetrievedChunk> chunks, String context, int tokens) {}

    Retrieval retrieve(Embedder embedder, String query, int k, SearchFilter filter, int tokenBudget) {
        return retrieve(embedder, query, k, filter, tokenBudget, Fusion.DEFAULT);
    }

    Retrieval retrieve(Embedder embedder, String query, int k, SearchFilter filter, int tokenBudget, Fusion fusion) {
        return retrieve(embedder, List.of(query), k, filter, tokenBudget, fusion);
    }

    /**
     * Several searches for one question (the question first, then e.g. the model's rewritten
     * queries): each is embedded and searched, and a chunk counts with its best similarity to any
     * of them. The full-text list, when it counts, is the question's.
     */
    Retrieval retrieve(
            Embedder embedder, List<String> queries, int k, SearchFilter filter, int tokenBudget, Fusion fusion) {
        var all = new ArrayList<String>(queries);
        if (fusion.sentences()) all.addAll(sentences(queries.getFirst()));
        List<float[]> vectors = embedder.embedQueries(all);
        return retrieve(embedder.modelName(), vectors, queries.getFirst(), k, filter, tokenBudget, fusion);
    }

    /** With the query already embedded (benchmarks embed each question once for many settings). */
    Retrieval retrieve(
            String model, float[] vector, String query, int k, SearchFilter filter, int tokenBudget, Fusion fusion) {
        return retrieve(model, List.of(vector), query, k, filter, tokenBudget, fusion);
    }

    private Retrieval retrieve(
            String model,
            List<float[]> vectors,
            String query,
            int k,
            SearchFilter filter,
            int tokenBudget,
            Fusion fusion) {
        // One chunk per page needs a deeper list to fill k pages.
        int depth = Math.max(fusion.documentCap() > 0 ? 4 * k : k, fusion.vectorDepth());
        // Per chunk its best similarity over the queries, and the query that gave it (a card resolves with it).
        var best = new HashMap<Long, StoredChunk>();
        var vectorOf = new HashMap<Long, float[]>();
        for (float[] vector : vectors) {
            for (StoredChunk c : store.vectorSearch(model, vector, depth, filter, false)) {
                StoredChunk had = best.get(c.id());
                if (had == null || c.score() > had.score()) {
                    best.put(c.id(), c);
                    vectorOf.put(c.id(), vector);
                }
            }
        }
        List<StoredChunk> byVector = best.values().stream()
                .sorted(Comparator.comparingDouble(StoredChunk::score)
                        .reversed()
                        .thenComparingLong(StoredChunk::id))
                .limit(depth)
                .toList();
        // A text list that counts for nothing is not fetched (the tuned default: docs/benchmarks.md).
        List<StoredChunk> byText = fusion.textWeight() > 0
                ? store.textSearch(model, query, Math.max(k, fusion.textDepth()), filter)
                : List.of();
        Map<Long, Double> similarity = new HashMap<>();
        byVector.forEach(c -> similarity.put(c.id(), c.score()));
        Map<Long, Integer> textRank = new HashMap<>();
        for (int i = 0; i < byText.size(); i++) textRank.put(byText.get(i).id(), i + 1);

        var chosen = new ArrayList<RetrievedChunk>();
        var context = new StringBuilder();
        var ids = new HashSet<Long>();
        var perDocument = new HashMap<String, Integer>();
        int used = 0;
        for (StoredChunk found : rank(byVector, byText, fusion)) {
            if (chosen.size() == k) break;
            StoredChunk c = found.chunkIndex() == SourceDocument.CARD_INDEX
                    ? store.bestChunk(
                                    model,
                                    vectorOf.getOrDefault(found.id(), vectors.getFirst()),
                                    found.sourceType(),
                                    found.sourceId())
                            .map(b -> b.withScore(found.score()))
                            .orElse(found)
                    : found;
            if (!ids.add(c.id())) continue;
            if (fusion.documentCap() > 0 && perDocument.merge(document(c), 1, Integer::sum) > fusion.documentCap())
                continue;
            similarity.putIfAbsent(c.id(), similarity.get(found.id()));
            var citation = new Citation(c.sourceType(), c.title(), c.section(), c.location(), c.cluster());
            String block = "[" + (chosen.size() + 1) + "] " + heading(citation) + "\n"
                    + c.content().strip() + "\n\n";
            int tokens = tokens(block);
            if (used + tokens > tokenBudget) continue;
            used += tokens;
            context.append(block);
            chosen.add(new RetrievedChunk(
                    chosen.size() + 1,
                    c.score(),
                    similarity.get(c.id()),
                    textRank.get(c.id()),
                    citation,
                    c.content(),
                    tokens));
        }
        return new Retrieval(model, List.copyOf(chosen), context.toString().strip(), used);
    }

    /** Both rankings cut to their depths, fused, repeated text (the same CRD in two clusters) dropped. */
    static List<StoredChunk> rank(List<StoredChunk> byVector, List<StoredChunk> byText, Fusion fusion) {
        var fused = fuse(
                List.of(
                        byVector.subList(0, Math.min(byVector.size(), fusion.vectorDepth())),
                        byText.subList(0, Math.min(byText.size(), fusion.textDepth()))),
                List.of(1.0, fusion.textWeight()),
                fusion);
        Set<String> seen = new HashSet<>();
        return fused.stream()
                .filter(c -> seen.add(c.title() + "\n" + c.content().strip()))
                .toList();
    }

    /**
     * Reciprocal rank fusion, then the document lift: each chunk gains {@code documentWeight} times
     * the fused scores of its document's next best chunks, so a page that answers in several places
     * outranks one stray chunk of a neighbouring page.
     */
    static List<StoredChunk> fuse(List<List<StoredChunk>> rankings, List<Double> weights, Fusion fusion) {
        var scores = new LinkedHashMap<Long, Double>();
        var chunks = new HashMap<Long, StoredChunk>();
        for (int r = 0; r < rankings.size(); r++) {
            List<StoredChunk> ranking = rankings.get(r);
            double weight = weights.get(r);
            if (weight <= 0) continue;
            for (int i = 0; i < ranking.size(); i++) {
                StoredChunk c = ranking.get(i);
                scores.merge(c.id(), weight / (fusion.rrfK() + i + 1), Double::sum);
                chunks.putIfAbsent(c.id(), c);
            }
        }
        Map<Long, Double> lifted = new HashMap<>(scores);
        if (fusion.documentWeight() > 0) {
            var byDocument = new HashMap<String, List<Long>>();
            scores.keySet()
                    .forEach(id -> byDocument
                            .computeIfAbsent(document(chunks.get(id)), d -> new ArrayList<>())
                            .add(id));
            for (List<Long> ids : byDocument.values()) {
                ids.sort(Comparator.comparingDouble(scores::get).reversed());
                for (Long id : ids) {
                    double others = ids.stream()
                            .filter(o -> !o.equals(id))
                            .limit(fusion.documentChunks() - 1L)
                            .mapToDouble(scores::get)
                            .sum();
                    lifted.put(id, scores.get(id) + fusion.documentWeight() * others);
                }
            }
        }
        return lifted.entrySet().stream()
                .sorted(Map.Entry.<Long, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> chunks.get(e.getKey()).withScore(e.getValue()))
                .toList();
    }

    private static String document(StoredChunk c) {
        return c.sourceType().id() + "\n" + c.sourceId();
    }

    private static String heading(Citation c) {
        String title = c.section().isBlank() ? c.title() : c.title() + " — " + c.section();
        return title + " (" + c.sourceType().id() + ": " + c.location()
                + (c.cluster() == null ? "" : ", cluster " + c.cluster()) + ")";
    }

    static int tokens(String text) {
        return dev.pilothouse.ai.provider.TokenEstimate.of(text);
    }
}
