package dev.pilothouse.ai.config;

import dev.pilothouse.ai.provider.EmbeddingSettings;
import dev.pilothouse.ai.provider.ProviderKind;
import java.time.Instant;

/**
 * The stored AI configuration (the one row of {@code ai_config}; the fields after
 * {@code toolsEnabled} live in its {@code options} column). Keys are stored apart, encrypted.
 *
 * @param baseUrl null for the provider's default (or the environment's)
 * @param temperature null for the model's default
 */
public record AiSettings(
        ProviderKind provider,
        String model,
        String baseUrl,
        boolean toolsEnabled,
        int connectTimeoutSeconds,
        int readTimeoutSeconds,
        int maxOutputTokens,
        Double temperature,
        EmbeddingSettings.Kind embeddingProvider,
        String embeddingModel,
        int embeddingDimensions,
        Instant updatedAt,
        String updatedBy) {

    static AiSettings defaults(ProviderKind provider, String baseUrl) {
        return new AiSettings(
                provider,
                provider.defaultModel(),
                baseUrl,
                true,
                10,
                60,
                4096,
                null,
                EmbeddingSettings.Kind.AUTO,
                null,
                0,
                Instant.now(),
                "system");
    }

    EmbeddingSettings embedding() {
        return new EmbeddingSettings(embeddingProvider, embeddingModel, embeddingDimensions);
    }
}
