package dev.pilothouse.ai.config;

import dev.pilothouse.ai.provider.ChatRequest;
import dev.pilothouse.ai.provider.EmbeddingSettings;
import dev.pilothouse.ai.provider.LlmException;
import dev.pilothouse.ai.provider.LlmProvider;
import dev.pilothouse.ai.provider.LlmProviderFactory;
import dev.pilothouse.ai.provider.Message;
import dev.pilothouse.ai.provider.ProviderKind;
import dev.pilothouse.ai.provider.ProviderSettings;
import dev.pilothouse.ai.provider.RetryPolicy;
import dev.pilothouse.audit.AuditEvent;
import dev.pilothouse.audit.AuditLog;
import dev.pilothouse.audit.AuditOutcome;
import dev.pilothouse.platform.ApiException;
import dev.pilothouse.platform.DatabaseNotifications;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The AI configuration: read, change (validated, audited, announced), test, and the provider
 * built from it. The provider is rebuilt when the configuration changes, here or on another
 * replica (told by LISTEN/NOTIFY on {@value #CHANGES}, and checked every {@code
 * pilothouse.ai.refresh-interval} in case a notification was missed), so no restart is needed.
 */
@Service
public class AiConfigService {

    private final AiConfigRepository repository;
    private final AiProperties env;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final LlmProviderFactory factory;

    static final String CHANGES = "pilothouse_ai_config";

    private record Active(Instant version, LlmProvider provider, long checkedAt) {}

    private volatile Active active;

    private final DatabaseNotifications notifications;
    private final TransactionTemplate transaction;

    AiConfigService(
            AiConfigRepository repository,
            AiProperties env,
            AuditLog audit,
            ApplicationEventPublisher events,
            DatabaseNotifications notifications,
            PlatformTransactionManager transactions) {
        this.transaction = new TransactionTemplate(transactions);
        this.repository = repository;
        this.env = env;
        this.audit = audit;
        this.events = events;
        this.notifications = notifications;
        this.factory = new LlmProviderFactory();
        notifications.subscribe(CHANGES, () -> active = null);
    }

    /** First start: the environment chooses the provider and supplies keys; later starts leave settings be. */
    @Transactional
    public void seedFromEnvironment() {
        ProviderKind provider = !env.anthropicApiKey().isBlank()
                ? ProviderKind.ANTHROPIC
                : !env.openaiApiKey().isBlank() || !env.openaiBaseUrl().isBlank()
                        ? ProviderKind.OPENAI
                        : !env.ollamaBaseUrl().isBlank() ? ProviderKind.OLLAMA : ProviderKind.ANTHROPIC;
        repository.insertIfAbsent(AiSettings.defaults(provider, null));
        seedKey(ProviderKind.ANTHROPIC.id(), env.anthropicApiKey());
        seedKey(ProviderKind.OPENAI.id(), env.openaiApiKey());
        seedKey(AiConfigRepository.VOYAGE, env.voyageApiKey());
    }

    private void seedKey(String provider, String key) {
        if (!key.isBlank()) repository.putKeyIfAbsent(provider, key.strip());
    }

    public AiConfigView view() {
        AiSettings s = settings();
        Map<String, String> last4 = repository.last4s();
        String keyLast4 = last4.get(s.provider().id());
        String voyageLast4 = last4.get(AiConfigRepository.VOYAGE);
        var resolved = s.embedding().resolve(s.provider(), voyageLast4 != null);
        return new AiConfigView(
                s.provider().id(),
                s.model(),
                s.baseUrl(),
                providerSettings(s, null).effectiveBaseUrl(),
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
        AiSettings before = settings();
        AiConfigView viewBefore = view();
        AiSettings after = merge(before, update, actor);
        Set<String> changed = changedFields(before, after);
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
        notifications.publish(CHANGES);
        audit.record(AuditEvent.of(actor, "ai.config.update", "ai_config", AuditOutcome.SUCCESS)
                .withDetails(Map.of("changed", List.copyOf(changed))));
        active = null;
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
        String url = providerSettings(after, null).effectiveBaseUrl();
        AiSettings home = merge(before, AiConfigUpdate.provider(after.provider().id()), actor);
        if (!sameHost(url, providerSettings(home, null).effectiveBaseUrl())) {
            throw new ApiException.InvalidField(
                    "api_key_required",
                    "apiKey",
                    "The stored API key was entered for another server; saving " + url
                            + " would send it there. Enter the API key to use with this base URL (or an empty one"
                            + " to use none).");
        }
    }

    /** A minimal real call with the stored configuration, or with unsaved changes over it. */
    public ConnectionTest test(String actor, AiConfigUpdate unsaved) {
        AiSettings stored = settings();
        AiSettings s = merge(stored, unsaved == null ? AiConfigUpdate.NONE : unsaved, "test");
        String storedKey = repository.key(s.provider().id()).orElse(null);
        String key = unsaved != null && unsaved.apiKey() != null ? unsaved.apiKey() : storedKey;
        String url = providerSettings(s, null).effectiveBaseUrl();
        // The stored key goes only where it already goes: testing another server takes its own key.
        AiSettings home = merge(
                stored, AiConfigUpdate.provider(s.provider().id()), "test"); // where this provider's stored key goes
        if (key != null
                && key.equals(storedKey)
                && !sameHost(url, providerSettings(home, null).effectiveBaseUrl())) {
            audit.record(AuditEvent.of(actor, "ai.config.test", "ai_config", AuditOutcome.FAILURE)
                    .withDetails(Map.of("provider", s.provider().id(), "baseUrl", url, "error", "api_key_required")));
            throw ApiException.badRequest(
                    "api_key_required",
                    "Testing " + url + " would send it the stored API key; enter the key to use with this base URL.");
        }
        // One attempt and a short wait: a person is looking at a spinner.
        ProviderSettings settings = providerSettings(s, key)
                .withRetry(RetryPolicy.NONE)
                .withReadTimeout(Duration.ofSeconds(Math.min(s.readTimeoutSeconds(), 30)));
        LlmProvider provider = factory.create(settings, s.embedding(), null, null);
        long start = System.nanoTime();
        ConnectionTest result;
        try {
            var response = provider.chat(
                    new ChatRequest(List.of(Message.user("Reply with the single word: ok")), List.of(), 16));
            result = new ConnectionTest(
                    true, s.provider().id(), s.model(), elapsedMs(start), response.text(), null, null, null);
        } catch (LlmException e) {
            result = new ConnectionTest(
                    false,
                    s.provider().id(),
                    s.model(),
                    elapsedMs(start),
                    null,
                    e.kind().code(),
                    e.getMessage(),
                    e.detail().isBlank() ? null : e.detail());
        }
        // Recorded with its outcome: a failed test is a failure in the audit log, not a success.
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("provider", s.provider().id());
        details.put("baseUrl", url);
        if (!result.ok()) details.put("error", result.errorCode());
        audit.record(AuditEvent.of(
                        actor, "ai.config.test", "ai_config", result.ok() ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE)
                .withDetails(details));
        return result;
    }

    private static boolean sameHost(String a, String b) {
        try {
            URI x = new URI(a);
            URI y = new URI(b);
            return Objects.equals(x.getScheme(), y.getScheme())
                    && Objects.equals(x.getHost(), y.getHost())
                    && x.getPort() == y.getPort();
        } catch (java.net.URISyntaxException | NullPointerException e) {
            return false;
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

    /** The provider of the current configuration, rebuilt after a change. */
    public LlmProvider provider() {
        Active current = active;
        long now = System.nanoTime();
        if (current != null && now - current.checkedAt() < env.refreshInterval().toNanos()) return current.provider();
        Instant version = repository.updatedAt().orElse(Instant.EPOCH);
        if (current != null && current.version().equals(version)) {
            active = new Active(version, current.provider(), now);
            return current.provider();
        }
        AiSettings s = settings();
        LlmProvider provider = factory.create(
                providerSettings(s, repository.key(s.provider().id()).orElse(null)),
                s.embedding(),
                repository.key(AiConfigRepository.VOYAGE).orElse(null),
                blankToNull(env.voyageBaseUrl()));
        active = new Active(version, provider, now);
        return provider;
    }

    private AiSettings settings() {
        return repository.load().orElseGet(() -> {
            seedFromEnvironment();
            return repository.load().orElseThrow();
        });
    }

    private ProviderSettings providerSettings(AiSettings s, String apiKey) {
        String baseUrl = s.baseUrl() != null
                ? s.baseUrl()
                : switch (s.provider()) {
                    case OPENAI -> blankToNull(env.openaiBaseUrl());
                    case OLLAMA -> blankToNull(env.ollamaBaseUrl());
                    case ANTHROPIC -> null;
                };
        return new ProviderSettings(
                s.provider(),
                s.model(),
                apiKey,
                baseUrl,
                Duration.ofSeconds(s.connectTimeoutSeconds()),
                Duration.ofSeconds(s.readTimeoutSeconds()),
                s.maxOutputTokens(),
                s.temperature(),
                RetryPolicy.DEFAULT);
    }

    static AiSettings merge(AiSettings s, AiConfigUpdate u, String actor) {
        ProviderKind provider = u.provider() == null
                ? s.provider()
                : ProviderKind.parse(u.provider())
                        .orElseThrow(() -> ApiException.badRequest(
                                "invalid_provider",
                                "Unknown provider '%s'; use one of %s."
                                        .formatted(u.provider(), ProviderKind.validIds())));
        boolean providerChanged = provider != s.provider();
        String model = u.model() != null
                ? requireText(u.model(), "model")
                : providerChanged ? provider.defaultModel() : s.model();
        // A base URL belongs to its provider: switching without naming one goes back to the default.
        String baseUrl = u.baseUrl() != null
                ? (u.baseUrl().isBlank() ? null : validUrl(u.baseUrl()))
                : providerChanged ? null : s.baseUrl();
        EmbeddingSettings.Kind embedding = u.embeddingProvider() == null
                ? s.embeddingProvider()
                : EmbeddingSettings.Kind.parse(u.embeddingProvider())
                        .orElseThrow(() -> ApiException.badRequest(
                                "invalid_embedding_provider",
                                "Unknown embedding provider '%s'; use one of %s."
                                        .formatted(u.embeddingProvider(), EmbeddingSettings.Kind.validIds())));
        return new AiSettings(
                provider,
                model,
                baseUrl,
                u.toolsEnabled() != null ? u.toolsEnabled() : s.toolsEnabled(),
                range(u.connectTimeoutSeconds(), s.connectTimeoutSeconds(), 1, 300, "connectTimeoutSeconds"),
                range(u.readTimeoutSeconds(), s.readTimeoutSeconds(), 1, 600, "readTimeoutSeconds"),
                range(u.maxOutputTokens(), s.maxOutputTokens(), 1, 200_000, "maxOutputTokens"),
                temperature(u.temperature(), s.temperature()),
                embedding,
                u.embeddingModel() != null ? blankToNull(u.embeddingModel()) : s.embeddingModel(),
                range(u.embeddingDimensions(), s.embeddingDimensions(), 0, 16_000, "embeddingDimensions"),
                Instant.now(),
                actor);
    }

    private static Set<String> changedFields(AiSettings a, AiSettings b) {
        var changed = new LinkedHashSet<String>();
        if (a.provider() != b.provider()) changed.add("provider");
        if (!Objects.equals(a.model(), b.model())) changed.add("model");
        if (!Objects.equals(a.baseUrl(), b.baseUrl())) changed.add("baseUrl");
        if (a.toolsEnabled() != b.toolsEnabled()) changed.add("toolsEnabled");
        if (a.connectTimeoutSeconds() != b.connectTimeoutSeconds()) changed.add("connectTimeoutSeconds");
        if (a.readTimeoutSeconds() != b.readTimeoutSeconds()) changed.add("readTimeoutSeconds");
        if (a.maxOutputTokens() != b.maxOutputTokens()) changed.add("maxOutputTokens");
        if (!Objects.equals(a.temperature(), b.temperature())) changed.add("temperature");
        if (a.embeddingProvider() != b.embeddingProvider()) changed.add("embeddingProvider");
        if (!Objects.equals(a.embeddingModel(), b.embeddingModel())) changed.add("embeddingModel");
        if (a.embeddingDimensions() != b.embeddingDimensions()) changed.add("embeddingDimensions");
        return changed;
    }

    private static String requireText(String value, String field) {
        if (value.isBlank()) throw ApiException.badRequest("invalid_" + field, field + " must not be empty.");
        return value.strip();
    }

    static String validUrl(String value) {
        String url = value.strip();
        try {
            URI uri = new URI(url);
            if (uri.getUserInfo() != null) {
                // Anyone logged in may read the base URL; a secret belongs in the write-only key field.
                throw ApiException.badRequest(
                        "invalid_base_url",
                        "The base URL must not contain a user name or password; put the credential in the API key field.");
            }
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null
                    && uri.getQuery() == null
                    && uri.getFragment() == null) {
                return url;
            }
        } catch (java.net.URISyntaxException ignored) {
            // reported below
        }
        throw ApiException.badRequest(
                "invalid_base_url",
                "The base URL '%s' is not valid; give an http:// or https:// URL such as http://localhost:11434."
                        .formatted(url));
    }

    private static int range(Integer value, int current, int min, int max, String field) {
        if (value == null) return current;
        if (value < min || value > max) {
            throw ApiException.badRequest(
                    "invalid_" + field, "%s must be between %d and %d.".formatted(field, min, max));
        }
        return value;
    }

    private static Double temperature(JsonNode update, Double current) {
        if (update == null || update.isMissingNode()) return current;
        if (update.isNull()) return null;
        if (!update.isNumber() || update.asDouble() < 0 || update.asDouble() > 2) {
            throw ApiException.badRequest(
                    "invalid_temperature",
                    "temperature must be a number between 0 and 2, or null for the model's default.");
        }
        return update.asDouble();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static long elapsedMs(long start) {
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }
}
