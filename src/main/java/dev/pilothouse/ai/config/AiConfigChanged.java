package dev.pilothouse.ai.config;

import java.util.Set;

/**
 * Published after the AI configuration changed. {@code reindexRequired}: the embedding model
 * or dimension changed, so stored vectors no longer match new queries.
 */
public record AiConfigChanged(
        Set<String> changedFields, boolean reindexRequired, String embeddingModel, int embeddingDimensions) {}
