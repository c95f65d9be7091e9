package dev.pilothouse.ai.config;

import tools.jackson.databind.JsonNode;

/**
 * A change to the AI configuration: only the fields that are not null change. An empty
 * {@code apiKey} or {@code voyageApiKey} removes the stored key; an empty {@code baseUrl} or
 * {@code embeddingModel} goes back to the default.
 *
 * @param apiKey the key of the provider this update leaves active
 * @param temperature a JSON node so that absent (Java null: no change) and JSON {@code null}
 *     (back to the model's default) differ, as in a JSON merge patch
 */
public record AiConfigUpdate(
        String provider,
        String model,
        String apiKey,
        String baseUrl,
        Boolean toolsEnabled,
        Integer connectTimeoutSeconds,
        Integer readTimeoutSeconds,
        Integer maxOutputTokens,
        JsonNode temperature,
        String embeddingProvider,
        String embeddingModel,
        Integer embeddingDimensions,
        String voyageApiKey,
        Integer maxToolSteps,
        Integer historyTokenBudget,
        Integer toolOutputTokenBudget,
        Long dailyTokenBudget,
        Boolean writeToolsEnabled,
        Boolean queryRewriting) {

    public static final AiConfigUpdate NONE = new AiConfigUpdate(
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null);

    /** Only a change of provider: merged, it gives that provider's defaults over the stored settings. */
    public static AiConfigUpdate provider(String provider) {
        return new AiConfigUpdate(
                provider, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    @Override
    public String toString() {
        return "AiConfigUpdate[provider=%s, model=%s, apiKey=%s, voyageApiKey=%s]"
                .formatted(provider, model, apiKey == null ? null : "***", voyageApiKey == null ? null : "***");
    }
}
