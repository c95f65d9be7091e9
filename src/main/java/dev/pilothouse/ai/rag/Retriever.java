package dev.pilothouse.ai.rag;

import dev.pilothouse.ai.provider.Embedder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Question → context for the model: embed the question, search by vector and by text, fuse the
 * two rankings, drop repeats (the same CRD in two clusters, say), and keep the best chunks that
 * fit a token budget, each with its citation.
 */
@Component
public class Retriever {

    private final EmbeddingStore store;

    Retriever(EmbeddingStore store) {
        this.store = store;
    }

    /** Where a chunk came from, for the model to cite and the user to follow. */
    public record Citation(SourceType sourceType, String title, String section, String location, String cluster) {}

    /**
     * @param score the fused (reciprocal rank) score the chunks are ordered by
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

    public Retrieval retrieve(Embedder embedder, String query, int k, SearchFilter filter, int tokenBudget) {
        String model = embedder.modelName();
        float[] vector = embedder.embedQuery(query);
        int depth = Math.max(40, k * 4);
        List<StoredChunk> byVector = store.vectorSearch(model, vector, depth, filter, false);
        List<StoredChunk> byText = store.textSearch(model, query, depth, filter);
        Map<Long, Double> similarity = new HashMap<>();
        byVector.forEach(c -> similarity.put(c.id(), c.score()));
        Map<Long, Integer> textRank = new HashMap<>();
        for (int i = 0; i < byText.size(); i++) textRank.put(byText.get(i).id(), i + 1);

        var chosen = new ArrayList<RetrievedChunk>();
        var context = new StringBuilder();
        Set<String> seen = new HashSet<>();
        int used = 0;
        for (StoredChunk c : EmbeddingStore.fuse(List.of(byVector, byText), depth)) {
            if (chosen.size() == k) break;
            if (!seen.add(c.title() + "\n" + c.content().strip())) continue;
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

    private static String heading(Citation c) {
        String title = c.section().isBlank() ? c.title() : c.title() + " — " + c.section();
        return title + " (" + c.sourceType().id() + ": " + c.location()
                + (c.cluster() == null ? "" : ", cluster " + c.cluster()) + ")";
    }

    /** About four characters per token for English and YAML: close enough for a budget. */
    static int tokens(String text) {
        return (text.length() + 3) / 4;
    }
}
