package dev.pilothouse.ai.config;

import dev.pilothouse.ai.provider.ProviderKind;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seeds the AI configuration from the environment once the schema is in place. First start: the
 * environment chooses the provider and supplies keys; later starts leave the settings page's choices be.
 */
@Component
class AiConfigSeeder implements ApplicationRunner {

    private final AiConfigRepository repository;
    private final AiProperties env;

    AiConfigSeeder(AiConfigRepository repository, AiProperties env) {
        this.repository = repository;
        this.env = env;
    }

    @Override
    public void run(ApplicationArguments args) {
        seedFromEnvironment();
    }

    @Transactional
    public void seedFromEnvironment() {
        ProviderKind provider = !env.anthropicApiKey().isBlank()
                ? ProviderKind.ANTHROPIC
                : !env.openaiApiKey().isBlank() || !env.openaiBaseUrl().isBlank()
                        ? ProviderKind.OPENAI
                        : !env.ollamaBaseUrl().isBlank() ? ProviderKind.OLLAMA : ProviderKind.ANTHROPIC;
        repository.insertIfAbsent(AiSettings.defaults(provider, null));
        seedKey(ProviderKind.ANTHROPIC.id(), env.anthropicApiKey());
        seedKey(ProviderKind.OPENAI.id(), env.openaiApiKey());
        seedKey(AiConfigRepository.VOYAGE, env.voyageApiKey());
    }

    private void seedKey(String provider, String key) {
        if (!key.isBlank()) repository.putKeyIfAbsent(provider, key.strip());
    }
}
