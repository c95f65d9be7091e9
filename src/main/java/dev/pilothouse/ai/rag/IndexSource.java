package dev.pilothouse.ai.rag;

import java.util.List;

/**
 * Something the indexer reads documents from. Each source is indexed, and reports its status,
 * on its own: one that fails keeps its previous chunks and does not stop the others.
 */
sealed interface IndexSource permits DocsSource, PluginSource, ClusterSource {

    /** Status key and the scope of removals: {@code docs}, {@code plugins}, {@code crd:<cluster>}, {@code openapi:<cluster>}. */
    String key();

    SourceType type();

    /** Null unless the source reads one cluster. */
    String cluster();

    /** Every document the source has now. Throws when the source cannot be read. */
    Listing list() throws Exception;

    /** @param note something worth showing that is not an error, e.g. "the cluster does not serve /openapi/v3" */
    record Listing(List<SourceDocument> documents, String note) {
        public Listing {
            documents = List.copyOf(documents);
        }

        static Listing of(List<SourceDocument> documents) {
            return new Listing(documents, null);
        }
    }
}
