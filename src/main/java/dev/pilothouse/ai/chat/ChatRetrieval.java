package dev.pilothouse.ai.chat;

import dev.pilothouse.ai.chat.ServerFrame.Citation;
import dev.pilothouse.ai.provider.TokenEstimate;
import dev.pilothouse.ai.rag.RagService;
import dev.pilothouse.ai.rag.Retriever;
import dev.pilothouse.ai.rag.SearchFilter;
import dev.pilothouse.rbac.AccessControl;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one call from a chat turn into {@code ai.rag}: the chunks for a question, limited to what the
 * user may see. A cluster's CRD and OpenAPI chunks go only to users with a role on that cluster;
 * docs and plugins (no cluster) go to everyone. The filter is applied to what comes back as well
 * as asked for, so it holds whatever the search filter does with no cluster on screen.
 */
@Component
class ChatRetrieval {

    private static final Logger log = LoggerFactory.getLogger(ChatRetrieval.class);
    /** Context tokens the retrieved chunks may take in a prompt. */
    static final int CONTEXT_TOKENS = 3_000;

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

    Retrieved retrieve(String username, String question) {
        int k = properties.retrievedChunks();
        if (k <= 0) return Retrieved.NONE;
        Retriever.Retrieval found;
        try {
            // Only the clusters the user has a role on: with no cluster on screen, no other cluster's CRDs.
            Set<String> mine = rag.clusterNames().stream()
                    .filter(cluster -> access.hasRoleOn(username, cluster))
                    .collect(java.util.stream.Collectors.toSet());
            found = rag.search(question, k * 3, SearchFilter.clusters(mine));
        } catch (RuntimeException e) {
            // No index yet, or the embedder is unreachable: answer without references rather than not at all.
            log.warn("Retrieval failed, answering without references: {}", e.getMessage());
            return Retrieved.NONE;
        }
        var context = new StringBuilder();
        var citations = new ArrayList<Citation>();
        int used = 0;
        for (Retriever.RetrievedChunk chunk : found.chunks()) {
            if (citations.size() == k) break;
            Retriever.Citation c = chunk.citation();
            // Checked again: a role may have been removed since the set was made.
            if (c.cluster() != null && !access.hasRoleOn(username, c.cluster())) continue;
            String block = "[" + (citations.size() + 1) + "] " + c.title()
                    + (c.section().isBlank() ? "" : " — " + c.section()) + " (" + c.location() + ")\n"
                    + chunk.content().strip() + "\n\n";
            int tokens = TokenEstimate.of(block);
            if (used + tokens > CONTEXT_TOKENS) continue;
            used += tokens;
            context.append(block);
            citations.add(new Citation(c.sourceType().id(), c.title(), c.section(), c.location(), c.cluster()));
        }
        return new Retrieved(context.toString().strip(), List.copyOf(citations));
    }
}
