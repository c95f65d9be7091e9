package dev.pilothouse.ai.rag;

import java.util.List;

/**
 * A unit a source lists: one markdown file, one CRD version, one OpenAPI schema, one plugin.
 * Its chunks are replaced together when it changes and removed when the source stops listing it.
 *
 * @param sourceId unique within its source type across clusters (cluster sources prefix the cluster)
 * @param cluster null for text that belongs to no cluster
 */
record SourceDocument(String sourceId, String cluster, List<Chunk> chunks) {

    SourceDocument {
        chunks = List.copyOf(chunks);
    }
}
