package dev.pilothouse.ai.rag;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A unit a source lists: one markdown file, one CRD version, one OpenAPI schema, one plugin.
 * Its chunks are replaced together when it changes and removed when the source stops listing it.
 *
 * @param sourceId unique within its source type across clusters (cluster sources prefix the cluster)
 * @param cluster null for text that belongs to no cluster
 */
record SourceDocument(String sourceId, String cluster, List<Chunk> chunks) {

    /** Where a document's card is stored: below every chunk index, so chunk-range deletes never reach it. */
    static final int CARD_INDEX = -1;
    /** Words of the heading list a card carries at most (E5 reads ~512 word pieces). */
    static final int CARD_SECTION_WORDS = 120;

    SourceDocument {
        chunks = List.copyOf(chunks);
    }

    /**
     * One text for the whole document — title, description and the list of its sections (a page's
     * headings, a kind's field groups) — so that a question about what the page is for meets the
     * page even when no single chunk says it. Null for a document of one chunk: that chunk already
     * carries the title and the description.
     */
    Chunk card() {
        if (chunks.size() < 2) return null;
        Chunk first = chunks.getFirst();
        Set<String> sections = new LinkedHashSet<>();
        for (Chunk c : chunks) {
            if (!c.section().isBlank()) sections.add(c.section().replace(" > ", ": "));
        }
        var list = new StringBuilder();
        int words = 0;
        for (String s : sections) {
            int w = Chunk.words(s);
            if (words + w > CARD_SECTION_WORDS) break;
            list.append(list.isEmpty() ? "" : "; ").append(s);
            words += w;
        }
        if (list.isEmpty() && first.description().isBlank()) return null;
        String location = first.location().replaceFirst("#.*$", "");
        // The description goes where every chunk has it (embedded after the title, weighted C in full-text search).
        return new Chunk(first.title(), "", location, list.isEmpty() ? "" : "Sections: " + list, first.description());
    }
}
