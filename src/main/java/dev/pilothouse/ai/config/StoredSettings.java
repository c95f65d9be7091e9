package dev.pilothouse.ai.config;

import static dev.pilothouse.platform.Text.blankToNull;

import dev.pilothouse.ai.provider.ProviderSettings;
import dev.pilothouse.ai.provider.RetryPolicy;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** The stored settings row (seeded when missing) and the provider settings made from it. */
@Component
class StoredSettings {

    private final AiConfigRepository repository;
    private final AiProperties env;
    private final AiConfigSeeder seeder;

    StoredSettings(AiConfigRepository repository, AiProperties env, AiConfigSeeder seeder) {
        this.repository = repository;
        this.env = env;
        this.seeder = seeder;
    }

    AiSettings load() {
        return repository.load().orElseGet(() -> {
            seeder.seedFromEnvironment();
            return repository.load().orElseThrow();
        });
    }

    /** With the environment's base URL when the stored settings name none. */
    ProviderSettings providerSettings(AiSettings s, String apiKey) {
        String baseUrl = s.baseUrl() != null
                ? s.baseUrl()
                : switch (s.provider()) {
                    case OPENAI -> blankToNull(env.openaiBaseUrl());
                    case OLLAMA -> blankToNull(env.ollamaBaseUrl());
                    case ANTHROPIC -> null;
                };
        return new ProviderSettings(
                s.provider(),
                s.model(),
                apiKey,
                baseUrl,
                Duration.ofSeconds(s.connectTimeoutSeconds()),
                Duration.ofSeconds(s.readTimeoutSeconds()),
                s.maxOutputTokens(),
                s.temperature(),
                RetryPolicy.DEFAULT);
    }

    String voyageBaseUrl() {
        return blankToNull(env.voyageBaseUrl());
    }
}
