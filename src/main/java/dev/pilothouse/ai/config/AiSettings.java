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
 * @param maxToolSteps how many model calls with tool use one turn may make before it ends with a note
 * @param historyTokenBudget how many tokens of earlier conversation go into a prompt; older turns are
 *     compacted into a summary beyond it
 * @param toolOutputTokenBudget how many tokens one tool result may spend
 * @param dailyTokenBudget tokens one user may spend per UTC day; 0 for no limit
 * @param writeToolsEnabled false: the assistant is offered only the read tools
 * @param queryRewriting the configured model turns each question into search queries before retrieval
 *     (one more model call per turn, so off by default)
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
        int maxToolSteps,
        int historyTokenBudget,
        int toolOutputTokenBudget,
        long dailyTokenBudget,
        boolean writeToolsEnabled,
        boolean queryRewriting,
        Instant updatedAt,
        String updatedBy) {

    public static final int DEFAULT_MAX_TOOL_STEPS = 10;
    public static final int DEFAULT_HISTORY_TOKEN_BUDGET = 24_000;
    public static final int DEFAULT_TOOL_OUTPUT_TOKEN_BUDGET = 4_000;

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
                DEFAULT_MAX_TOOL_STEPS,
                DEFAULT_HISTORY_TOKEN_BUDGET,
                DEFAULT_TOOL_OUTPUT_TOKEN_BUDGET,
                0,
                true,
                false,
                Instant.now(),
                "system");
    }

    public EmbeddingSettings embedding() {
        return new EmbeddingSettings(embeddingProvider, embeddingModel, embeddingDimensions);
    }
}
