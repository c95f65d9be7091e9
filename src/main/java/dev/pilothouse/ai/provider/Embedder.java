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
}
