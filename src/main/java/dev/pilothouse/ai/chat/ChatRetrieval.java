package dev.pilothouse.ai.chat;

import dev.pilothouse.ai.chat.ServerFrame.Citation;
import dev.pilothouse.ai.provider.Usage;
import dev.pilothouse.ai.rag.RagService;
import dev.pilothouse.ai.rag.Retriever;
import dev.pilothouse.ai.rag.SearchFilter;
import dev.pilothouse.rbac.AccessControl;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one call from a chat turn into {@code ai.rag}: the chunks for a question, limited to what the
 * user may see. A cluster's CRD and OpenAPI chunks go only to users with a role on that cluster;
 * docs and plugins (no cluster) go to everyone. The filter is checked on what comes back as well
 * as asked for, so it holds whatever the search filter does with no cluster on screen. The context
 * and its numbering ({@code [1]}, {@code [2]} …) are the retriever's, within its token budget
 * ({@code pilothouse.rag.context-tokens}); the citations follow the same order.
 */
@Component
class ChatRetrieval {

    private static final Logger log = LoggerFactory.getLogger(ChatRetrieval.class);

    record Retrieved(String context, List<Citation> citations) {
        static final Retrieved NONE = new Retrieved("", List.of());
    }

    private final RagService rag;
    private final AccessControl access;
    private final ChatProperties properties;

    ChatRetrieval(RagService rag, AccessControl access, ChatProperties properties) {
        this.rag = rag;
        this.access = access;
        this.properties = properties;
    }

    /** @param rewriteUsage the tokens of the query-rewriting model call, when the setting makes one */
    Retrieved retrieve(String username, String question, Consumer<Usage> rewriteUsage) {
        int k = properties.retrievedChunks();
        if (k <= 0) return Retrieved.NONE;
        Retriever.Retrieval found;
        Set<String> mine;
        try {
            // Only the clusters the user has a role on: with no cluster on screen, no other cluster's CRDs.
            mine = rag.clusterNames().stream()
                    .filter(cluster -> access.hasRoleOn(username, cluster))
                    .collect(Collectors.toSet());
            found = rag.searchForChat(question, k, SearchFilter.clusters(mine), rewriteUsage);
        } catch (RuntimeException e) {
            // No index yet, or the embedder is unreachable: answer without references rather than not at all.
            log.warn("Retrieval failed, answering without references: {}", e.getMessage());
            return Retrieved.NONE;
        }
        // Checked again on what came back: a chunk of a cluster outside the filter means the filter
        // failed, and then nothing of this search goes to the model.
        for (Retriever.RetrievedChunk chunk : found.chunks()) {
            String cluster = chunk.citation().cluster();
            if (cluster != null && !mine.contains(cluster)) {
                log.error(
                        "Retrieval returned a chunk of cluster {} outside the user's clusters; dropped the search",
                        cluster);
                return Retrieved.NONE;
            }
        }
        List<Citation> citations = found.chunks().stream()
                .map(Retriever.RetrievedChunk::citation)
                .map(c -> new Citation(c.sourceType().id(), c.title(), c.section(), c.location(), c.cluster()))
                .toList();
        return new Retrieved(found.context(), citations);
    }
}
