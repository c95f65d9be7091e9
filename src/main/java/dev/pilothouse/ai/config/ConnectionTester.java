package dev.pilothouse.ai.config;

import dev.pilothouse.ai.provider.ChatRequest;
import dev.pilothouse.ai.provider.LlmException;
import dev.pilothouse.ai.provider.LlmProvider;
import dev.pilothouse.ai.provider.LlmProviderFactory;
import dev.pilothouse.ai.provider.Message;
import dev.pilothouse.ai.provider.ProviderSettings;
import dev.pilothouse.ai.provider.RetryPolicy;
import dev.pilothouse.audit.AuditEvent;
import dev.pilothouse.audit.AuditLog;
import dev.pilothouse.audit.AuditOutcome;
import dev.pilothouse.platform.ApiException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Service;

/** {@code POST /api/ai/config/test}: a minimal real call with the stored configuration, or unsaved changes over it. */
@Service
public class ConnectionTester {

    private final AiConfigRepository repository;
    private final StoredSettings stored;
    private final AuditLog audit;
    private final LlmProviderFactory factory = new LlmProviderFactory();

    ConnectionTester(AiConfigRepository repository, StoredSettings stored, AuditLog audit) {
        this.repository = repository;
        this.stored = stored;
        this.audit = audit;
    }

    public ConnectionTest test(String actor, AiConfigUpdate unsaved) {
        AiSettings current = stored.load();
        AiSettings s = AiSettingsMerge.merge(current, unsaved == null ? AiConfigUpdate.NONE : unsaved, "test");
        String storedKey = repository.key(s.provider().id()).orElse(null);
        String key = unsaved != null && unsaved.apiKey() != null ? unsaved.apiKey() : storedKey;
        String url = stored.providerSettings(s, null).effectiveBaseUrl();
        // The stored key goes only where it already goes: testing another server takes its own key.
        AiSettings home = AiSettingsMerge.merge(
                current, AiConfigUpdate.provider(s.provider().id()), "test");
        if (key != null
                && key.equals(storedKey)
                && !sameHost(url, stored.providerSettings(home, null).effectiveBaseUrl())) {
            audit.record(AuditEvent.of(actor, "ai.config.test", "ai_config", AuditOutcome.FAILURE)
                    .withDetails(Map.of("provider", s.provider().id(), "baseUrl", url, "error", "api_key_required")));
            throw ApiException.badRequest(
                    "api_key_required",
                    "Testing " + url + " would send it the stored API key; enter the key to use with this base URL.");
        }
        // One attempt and a short wait: a person is looking at a spinner.
        ProviderSettings settings = stored.providerSettings(s, key)
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

    static boolean sameHost(String a, String b) {
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

    private static long elapsedMs(long start) {
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }
}
