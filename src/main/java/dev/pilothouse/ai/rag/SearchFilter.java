package dev.pilothouse.ai.rag;

import java.util.Set;

/**
 * Narrows a search. Chunks that belong to no cluster (docs, plugins) are always searchable; a
 * cluster's CRDs and schema only when that cluster is in {@code clusters}. There is no "every
 * cluster" value: the caller names the clusters the user may see (those they have a role on), so
 * a search with no cluster on screen cannot return another cluster's chunks.
 *
 * @param sourceTypes empty for all
 * @param clusters the clusters whose chunks may be returned; empty for docs and plugins only
 */
public record SearchFilter(Set<SourceType> sourceTypes, Set<String> clusters) {

    public SearchFilter {
        sourceTypes = sourceTypes == null ? Set.of() : Set.copyOf(sourceTypes);
        clusters = clusters == null
                ? Set.of()
                : Set.copyOf(
                        clusters.stream().filter(c -> c != null && !c.isBlank()).toList());
    }

    /** Any source type, chunks of these clusters and of no cluster. */
    public static SearchFilter clusters(Set<String> clusters) {
        return new SearchFilter(Set.of(), clusters);
    }
}
