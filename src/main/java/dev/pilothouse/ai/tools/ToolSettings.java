package dev.pilothouse.ai.tools;

/**
 * The AI settings that shape what tools do.
 *
 * @param toolsEnabled no tools at all when false
 * @param writeToolsEnabled false: a read-only assistant, only the six read tools are offered
 * @param outputTokenBudget how many tokens one tool result may spend (default 4,000)
 */
public record ToolSettings(boolean toolsEnabled, boolean writeToolsEnabled, int outputTokenBudget) {

    public static final int DEFAULT_OUTPUT_TOKEN_BUDGET = 4_000;

    public static ToolSettings defaults() {
        return new ToolSettings(true, true, DEFAULT_OUTPUT_TOKEN_BUDGET);
    }
}
