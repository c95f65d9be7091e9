package dev.pilothouse.ai.config;

/**
 * The result of {@code POST /api/ai/config/test}: a minimal real call.
 *
 * @param errorCode an {@code LlmException} kind, e.g. {@code authentication}; null when ok
 * @param errorMessage what to do, in plain words
 * @param providerMessage the provider's own words, when it gave any
 */
public record ConnectionTest(
        boolean ok,
        String provider,
        String model,
        long latencyMs,
        String reply,
        String errorCode,
        String errorMessage,
        String providerMessage) {}
