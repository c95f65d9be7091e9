package dev.pilothouse.ai.config;

import dev.pilothouse.ai.provider.LlmException;
import dev.pilothouse.ai.provider.LlmProvider;
import dev.pilothouse.audit.AuditEvent;
import dev.pilothouse.audit.AuditLog;
import dev.pilothouse.audit.AuditOutcome;
import dev.pilothouse.platform.ApiException;
import dev.pilothouse.platform.DatabaseNotifications;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The AI configuration as the settings page sees it: read, and change (validated, audited,
 * announced to every replica with LISTEN/NOTIFY). The provider itself is {@link ActiveProvider};
 * the connection test is {@link ConnectionTester}.
 */
@Service
public class AiConfigService {

    private final AiConfigRepository repository;
    private final StoredSettings stored;
    private final ActiveProvider active;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final DatabaseNotifications notifications;
    private final TransactionTemplate transaction;

    AiConfigService(
            AiConfigRepository repository,
            StoredSettings stored,
            ActiveProvider active,
            AuditLog audit,
            ApplicationEventPublisher events,
            DatabaseNotifications notifications,
            PlatformTransactionManager transactions) {
        this.transaction = new TransactionTemplate(transactions);
        this.repository = repository;
        this.stored = stored;
        this.active = active;
        this.audit = audit;
        this.events = events;
        this.notifications = notifications;
    }

    public AiConfigView view() {
        AiSettings s = stored.load();
        Map<String, String> last4 = repository.last4s();
        String keyLast4 = last4.get(s.provider().id());
        String voyageLast4 = last4.get(AiConfigRepository.VOYAGE);
        var resolved = s.embedding().resolve(s.provider(), voyageLast4 != null);
        return new AiConfigView(
                s.provider().id(),
                s.model(),
                s.baseUrl(),
                stored.providerSettings(s, null).effectiveBaseUrl(),
                s.toolsEnabled(),
                keyLast4 != null,
                keyLast4,
                voyageLast4 != null,
                voyageLast4,
                s.connectTimeoutSeconds(),
                s.readTimeoutSeconds(),
                s.maxOutputTokens(),
                s.temperature(),
                s.embeddingProvider().id(),
                s.embedding().modelFor(resolved),
                s.embedding().dimensionsFor(resolved),
                s.maxToolSteps(),
                s.historyTokenBudget(),
                s.toolOutputTokenBudget(),
                s.dailyTokenBudget(),
                s.writeToolsEnabled(),
                s.queryRewriting(),
                s.updatedAt(),
                s.updatedBy());
    }

    /**
     * Applies a partial update; returns the new view. Audited as {@code ai.config.update} with the
     * changed field names; a refused update is audited as a failure (outside its rolled-back
     * transaction).
     */
    public AiConfigView update(String actor, AiConfigUpdate update) {
        try {
            return transaction.execute(status -> updateInTransaction(actor, update));
        } catch (ApiException refused) {
            audit.record(AuditEvent.of(actor, "ai.config.update", "ai_config", AuditOutcome.FAILURE)
                    .withDetails(Map.of("error", refused.code(), "message", refused.getMessage())));
            throw refused.markAudited();
        }
    }

    private AiConfigView updateInTransaction(String actor, AiConfigUpdate update) {
        AiSettings before = stored.load();
        AiConfigView viewBefore = view();
        AiSettings after = AiSettingsMerge.merge(before, update, actor);
        Set<String> changed = AiSettingsMerge.changedFields(before, after);
        String keyOwner = after.provider().id();
        requireKeyForNewHost(actor, before, after, update);
        if (update.apiKey() != null) {
            changed.add("apiKey");
            if (update.apiKey().isBlank()) repository.deleteKey(keyOwner);
            else repository.putKey(keyOwner, update.apiKey().strip(), actor);
        }
        if (update.voyageApiKey() != null) {
            changed.add("voyageApiKey");
            if (update.voyageApiKey().isBlank()) repository.deleteKey(AiConfigRepository.VOYAGE);
            else
                repository.putKey(
                        AiConfigRepository.VOYAGE, update.voyageApiKey().strip(), actor);
        }
        if (changed.isEmpty()) return viewBefore;
        // Saved for key changes too: updated_at is what other replicas watch.
        repository.save(after);
        notifications.publish(ActiveProvider.CHANGES);
        audit.record(AuditEvent.of(actor, "ai.config.update", "ai_config", AuditOutcome.SUCCESS)
                .withDetails(Map.of("changed", List.copyOf(changed))));
        active.invalidate();
        AiConfigView viewAfter = view();
        boolean reindex = !Objects.equals(viewBefore.embeddingModel(), viewAfter.embeddingModel())
                || viewBefore.embeddingDimensions() != viewAfter.embeddingDimensions();
        events.publishEvent(new AiConfigChanged(
                Set.copyOf(changed), reindex, viewAfter.embeddingModel(), viewAfter.embeddingDimensions()));
        return viewAfter;
    }

    /**
     * The stored key goes only to the host it was entered for: a new base URL on another host
     * needs the key for that server in the same update (or an empty one, to send none).
     */
    private void requireKeyForNewHost(String actor, AiSettings before, AiSettings after, AiConfigUpdate update) {
        if (update.apiKey() != null || repository.key(after.provider().id()).isEmpty()) return;
        String url = stored.providerSettings(after, null).effectiveBaseUrl();
        AiSettings home = AiSettingsMerge.merge(
                before, AiConfigUpdate.provider(after.provider().id()), actor);
        if (!ConnectionTester.sameHost(url, stored.providerSettings(home, null).effectiveBaseUrl())) {
            throw new ApiException.InvalidField(
                    "api_key_required",
                    "apiKey",
                    "The stored API key was entered for another server; saving " + url
                            + " would send it there. Enter the API key to use with this base URL (or an empty one"
                            + " to use none).");
        }
    }

    public List<String> models() {
        try {
            return provider().models();
        } catch (LlmException e) {
            throw new ApiException(
                    HttpStatus.BAD_GATEWAY, "provider_" + e.kind().code(), e.getMessage(), e);
        }
    }

    /** The provider of the current configuration (kept here for {@code ai.rag}; new code uses {@link ActiveProvider}). */
    public LlmProvider provider() {
        return active.provider();
    }
}
