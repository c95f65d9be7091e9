package dev.pilothouse.ai.config;

import dev.pilothouse.ai.provider.EmbeddingSettings;
import dev.pilothouse.ai.provider.ProviderKind;
import dev.pilothouse.platform.ApiException;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** A partial update over the stored settings, validated field by field: every 400 names its field and range. */
final class AiSettingsMerge {

    private AiSettingsMerge() {}

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
                u.embeddingModel() != null
                        ? dev.pilothouse.platform.Text.blankToNull(u.embeddingModel())
                        : s.embeddingModel(),
                range(u.embeddingDimensions(), s.embeddingDimensions(), 0, 16_000, "embeddingDimensions"),
                range(u.maxToolSteps(), s.maxToolSteps(), 1, 50, "maxToolSteps"),
                range(u.historyTokenBudget(), s.historyTokenBudget(), 1_000, 1_000_000, "historyTokenBudget"),
                range(u.toolOutputTokenBudget(), s.toolOutputTokenBudget(), 200, 100_000, "toolOutputTokenBudget"),
                dailyBudget(u.dailyTokenBudget(), s.dailyTokenBudget()),
                u.writeToolsEnabled() != null ? u.writeToolsEnabled() : s.writeToolsEnabled(),
                u.queryRewriting() != null ? u.queryRewriting() : s.queryRewriting(),
                Instant.now(),
                actor);
    }

    static Set<String> changedFields(AiSettings a, AiSettings b) {
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
        if (a.maxToolSteps() != b.maxToolSteps()) changed.add("maxToolSteps");
        if (a.historyTokenBudget() != b.historyTokenBudget()) changed.add("historyTokenBudget");
        if (a.toolOutputTokenBudget() != b.toolOutputTokenBudget()) changed.add("toolOutputTokenBudget");
        if (a.dailyTokenBudget() != b.dailyTokenBudget()) changed.add("dailyTokenBudget");
        if (a.writeToolsEnabled() != b.writeToolsEnabled()) changed.add("writeToolsEnabled");
        if (a.queryRewriting() != b.queryRewriting()) changed.add("queryRewriting");
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

    private static long dailyBudget(Long value, long current) {
        if (value == null) return current;
        if (value < 0) {
            throw ApiException.badRequest(
                    "invalid_dailyTokenBudget",
                    "dailyTokenBudget must be 0 (no limit) or a positive number of tokens.");
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
}
