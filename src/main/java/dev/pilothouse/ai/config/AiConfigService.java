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
import org.springframework.transaction.annotation.Transactional;

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

    AiConfigService(
            AiConfigRepository repository,
            StoredSettings stored,
            ActiveProvider active,
            AuditLog audit,
            ApplicationEventPublisher events,
            DatabaseNotifications notifications) {
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
                s.updatedAt(),
                s.updatedBy());
    }

    /** Applies a partial update; returns the new view. Audited as {@code ai.config.update} with the changed field names. */
    @Transactional
    public AiConfigView update(String actor, AiConfigUpdate update) {
        AiSettings before = stored.load();
        AiConfigView viewBefore = view();
        AiSettings after = AiSettingsMerge.merge(before, update, actor);
        Set<String> changed = AiSettingsMerge.changedFields(before, after);
        String keyOwner = after.provider().id();
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
