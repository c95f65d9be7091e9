package dev.pilothouse.ai.rag;

/**
 * A chunk as stored and found, with its score in the search that found it.
 *
 * @param score cosine similarity (vector search), text rank (full-text) or fused score (hybrid)
 */
record StoredChunk(
        long id,
        SourceType sourceType,
        String sourceId,
        String cluster,
        int chunkIndex,
        String title,
        String section,
        String location,
        String content,
        String contentHash,
        double score) {

    StoredChunk withScore(double newScore) {
        return new StoredChunk(
                id,
                sourceType,
                sourceId,
                cluster,
                chunkIndex,
                title,
                section,
                location,
                content,
                contentHash,
                newScore);
    }
}
