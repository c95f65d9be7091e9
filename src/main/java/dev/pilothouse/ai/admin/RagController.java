package dev.pilothouse.ai.admin;

import dev.pilothouse.ai.rag.RagService;
import dev.pilothouse.ai.rag.Retriever;
import dev.pilothouse.ai.rag.SearchFilter;
import dev.pilothouse.ai.rag.SourceType;
import dev.pilothouse.audit.AuditEvent;
import dev.pilothouse.audit.AuditLog;
import dev.pilothouse.audit.AuditOutcome;
import dev.pilothouse.platform.ApiException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * RAG admin REST (spec 4.3): index status, re-index, and the search the assistant would run.
 * For administrators only: status errors may name internal hosts, and search shows indexed text.
 */
@RestController
@RequestMapping("/api/ai/rag")
@PreAuthorize("hasRole('ADMIN')")
class RagController {

    static final int MAX_K = 50;

    private final RagService rag;
    private final AuditLog audit;

    RagController(RagService rag, AuditLog audit) {
        this.rag = rag;
        this.audit = audit;
    }

    record SearchRequest(String query, Integer k, List<String> sourceTypes, String cluster) {}

    record SearchResponse(
            String model, String query, List<Retriever.RetrievedChunk> results, String context, int tokens) {}

    record ReindexResponse(boolean started, RagService.Status status) {}

    @GetMapping("/status")
    RagService.Status status() {
        return rag.status();
    }

    /** Starts a run in the background (202); {@code started} is false when one is already running. */
    @PostMapping("/reindex")
    ResponseEntity<ReindexResponse> reindex(Authentication actor) {
        boolean started = rag.requestReindex("requested by " + actor.getName());
        audit.record(AuditEvent.of(actor.getName(), "ai.rag.reindex", "ai_embeddings", AuditOutcome.SUCCESS)
                .withDetails(Map.of("started", started)));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new ReindexResponse(started, rag.status()));
    }

    @PostMapping("/search")
    SearchResponse search(@RequestBody SearchRequest body) {
        if (body == null || body.query() == null || body.query().isBlank()) {
            throw ApiException.badRequest("invalid_query", "query must not be empty.");
        }
        int k = body.k() == null ? 8 : body.k();
        if (k < 1 || k > MAX_K) throw ApiException.badRequest("invalid_k", "k must be between 1 and " + MAX_K + ".");
        var types = EnumSet.noneOf(SourceType.class);
        for (String t : body.sourceTypes() == null ? List.<String>of() : body.sourceTypes()) {
            types.add(SourceType.parse(t)
                    .orElseThrow(() -> ApiException.badRequest(
                            "invalid_source_type",
                            "Unknown source type '" + t + "'; use docs, plugin, crd or openapi.")));
        }
        // Administrators may see every cluster; a named cluster narrows the search to it (plus docs and plugins).
        var clusters = body.cluster() == null || body.cluster().isBlank()
                ? rag.clusterNames()
                : Set.of(body.cluster().strip());
        var result = rag.search(body.query().strip(), k, new SearchFilter(types, clusters));
        return new SearchResponse(
                result.model(), body.query().strip(), result.chunks(), result.context(), result.tokens());
    }
}
