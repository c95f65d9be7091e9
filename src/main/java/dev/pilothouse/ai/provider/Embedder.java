package dev.pilothouse.ai.provider;

import java.util.List;

/**
 * Turns text into vectors for retrieval. Implementations are safe to share between threads.
 * The RAG store keeps {@link #modelName()} with each vector: a different model means a re-index.
 */
public interface Embedder {

    String modelName();

    int dimensions();

    /** One vector per text, in order. Long inputs are batched by the implementation. */
    List<float[]> embed(List<String> texts);

    /**
     * The vector of a search query. Most models embed queries and documents alike; some (Voyage)
     * are trained to embed each its own way and retrieve better when told which is which.
     */
    default float[] embedQuery(String query) {
        return embed(List.of(query)).getFirst();
    }

    /** Several search queries (a question and its sentences or rewrites): implementations may embed them as one batch. */
    default List<float[]> embedQueries(List<String> queries) {
        return queries.stream().map(this::embedQuery).toList();
    }
}
