package dev.pilothouse.ai.rag;

import java.util.Set;

/**
 * Narrows a search.
 *
 * @param sourceTypes empty for all
 * @param cluster null for all; otherwise that cluster's chunks and the chunks of no cluster (docs, plugins)
 */
public record SearchFilter(Set<SourceType> sourceTypes, String cluster) {

    public static final SearchFilter NONE = new SearchFilter(Set.of(), null);

    public SearchFilter {
        sourceTypes = sourceTypes == null ? Set.of() : Set.copyOf(sourceTypes);
        cluster = cluster == null || cluster.isBlank() ? null : cluster;
    }

    boolean isEmpty() {
        return sourceTypes.isEmpty() && cluster == null;
    }
}
