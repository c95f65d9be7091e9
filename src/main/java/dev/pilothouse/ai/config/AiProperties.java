package dev.pilothouse.ai.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * AI settings from the environment ({@code ANTHROPIC_API_KEY}, {@code OPENAI_API_KEY},
 * {@code OPENAI_BASE_URL}, {@code OLLAMA_BASE_URL}, {@code VOYAGE_API_KEY}). They seed the
 * stored configuration on first start; the settings page overrides them after that. The base
 * URLs also stay the default for their provider when the stored config names none.
 *
 * @param refreshInterval how often a replica checks whether another one changed the config
 */
@ConfigurationProperties("pilothouse.ai")
public record AiProperties(
        @DefaultValue("") String anthropicApiKey,
        @DefaultValue("") String openaiApiKey,
        @DefaultValue("") String openaiBaseUrl,
        @DefaultValue("") String ollamaBaseUrl,
        @DefaultValue("") String voyageApiKey,
        @DefaultValue("") String voyageBaseUrl,
        @DefaultValue("5s") java.time.Duration refreshInterval) {}
