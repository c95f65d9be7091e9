package dev.pilothouse.ai.config;

import java.time.Instant;

/**
 * The AI configuration as the API shows it: never a key, only whether one is set and its last
 * four characters.
 *
 * @param embeddingModel the model vectors are made with (what the RAG index is keyed on)
 */
public record AiConfigView(
        String provider,
        String model,
        String baseUrl,
        String effectiveBaseUrl,
        boolean toolsEnabled,
        boolean apiKeySet,
        String apiKeyLast4,
        boolean voyageApiKeySet,
        String voyageApiKeyLast4,
        int connectTimeoutSeconds,
        int readTimeoutSeconds,
        int maxOutputTokens,
        Double temperature,
        String embeddingProvider,
        String embeddingModel,
        int embeddingDimensions,
        int maxToolSteps,
        int historyTokenBudget,
        int toolOutputTokenBudget,
        long dailyTokenBudget,
        boolean writeToolsEnabled,
        boolean queryRewriting,
        Instant updatedAt,
        String updatedBy) {

    /**
     * What someone who is not an administrator sees: not the key's last characters, nor where the
     * provider is (an internal host name is information too).
     */
    public AiConfigView forNonAdmin() {
        return new AiConfigView(
                provider,
                model,
                null,
                null,
                toolsEnabled,
                apiKeySet,
                null,
                voyageApiKeySet,
                null,
                connectTimeoutSeconds,
                readTimeoutSeconds,
                maxOutputTokens,
                temperature,
                embeddingProvider,
                embeddingModel,
                embeddingDimensions,
                maxToolSteps,
                historyTokenBudget,
                toolOutputTokenBudget,
                dailyTokenBudget,
                writeToolsEnabled,
                queryRewriting,
                updatedAt,
                null);
    }
}
