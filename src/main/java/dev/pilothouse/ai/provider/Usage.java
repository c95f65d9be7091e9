package dev.pilothouse.ai.provider;

/**
 * Token counts of one call. {@code inputTokens} excludes cached tokens where the API reports
 * them apart (Anthropic); OpenAI's cached tokens are a part of its prompt tokens.
 */
public record Usage(long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens) {

    public static final Usage NONE = new Usage(0, 0, 0, 0);

    public long totalTokens() {
        return inputTokens + outputTokens + cacheReadTokens + cacheWriteTokens;
    }
}
