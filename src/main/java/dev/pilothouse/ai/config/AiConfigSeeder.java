package dev.pilothouse.ai.config;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Seeds the AI configuration from the environment once the schema is in place. */
@Component
class AiConfigSeeder implements ApplicationRunner {

    private final AiConfigService config;

    AiConfigSeeder(AiConfigService config) {
        this.config = config;
    }

    @Override
    public void run(ApplicationArguments args) {
        config.seedFromEnvironment();
    }
}
