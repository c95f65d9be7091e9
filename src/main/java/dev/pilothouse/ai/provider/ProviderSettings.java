package dev.pilothouse.ai.provider;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything an adapter needs to make calls.
 *
 * @param baseUrl null for the provider's own endpoint
 * @param readTimeout the longest silence allowed while waiting for or reading a stream
 * @param temperature null leaves the model's default
 */
public record ProviderSettings(
        ProviderKind kind,
        String model,
        String apiKey,
        String baseUrl,
        Duration connectTimeout,
        Duration readTimeout,
        int maxOutputTokens,
        Double temperature,
        RetryPolicy retry) {

    public ProviderSettings {
        Objects.requireNonNull(kind, "kind");
        model = model == null || model.isBlank() ? kind.defaultModel() : model;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(60) : readTimeout;
        maxOutputTokens = maxOutputTokens <= 0 ? 4096 : maxOutputTokens;
        retry = retry == null ? RetryPolicy.DEFAULT : retry;
    }

    public static ProviderSettings of(ProviderKind kind, String model, String apiKey, String baseUrl) {
        return new ProviderSettings(kind, model, apiKey, baseUrl, null, null, 0, null, null);
    }

    public String effectiveBaseUrl() {
        String url = baseUrl == null || baseUrl.isBlank() ? kind.defaultBaseUrl() : baseUrl.strip();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public ProviderSettings withRetry(RetryPolicy policy) {
        return new ProviderSettings(
                kind, model, apiKey, baseUrl, connectTimeout, readTimeout, maxOutputTokens, temperature, policy);
    }

    public ProviderSettings withReadTimeout(Duration timeout) {
        return new ProviderSettings(
                kind, model, apiKey, baseUrl, connectTimeout, timeout, maxOutputTokens, temperature, retry);
    }

    @Override
    public String toString() {
        // Never print the key (records print every component by default).
        return "ProviderSettings[kind=%s, model=%s, baseUrl=%s]".formatted(kind, model, effectiveBaseUrl());
    }
}
