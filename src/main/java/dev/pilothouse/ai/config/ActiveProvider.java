package dev.pilothouse.ai.config;

import dev.pilothouse.ai.provider.LlmProvider;
import dev.pilothouse.ai.provider.LlmProviderFactory;
import dev.pilothouse.platform.DatabaseNotifications;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The provider of the current configuration and the settings it was built from, as one snapshot:
 * a chat turn reads both once and is not changed halfway by a concurrent update. Rebuilt after a
 * change here or on another replica (LISTEN/NOTIFY on {@value #CHANGES}), and re-checked every
 * {@code pilothouse.ai.refresh-interval} in case a notification was missed.
 */
@Component
public class ActiveProvider {

    static final String CHANGES = "pilothouse_ai_config";

    /** What one turn runs with. */
    public record Snapshot(LlmProvider provider, AiSettings settings) {}

    private record Active(Instant version, Snapshot snapshot, long checkedAt) {}

    private final AiConfigRepository repository;
    private final StoredSettings stored;
    private final AiProperties env;
    private final LlmProviderFactory factory = new LlmProviderFactory();
    private volatile Active active;

    ActiveProvider(
            AiConfigRepository repository,
            StoredSettings stored,
            AiProperties env,
            DatabaseNotifications notifications) {
        this.repository = repository;
        this.stored = stored;
        this.env = env;
        notifications.subscribe(CHANGES, this::invalidate);
    }

    public LlmProvider provider() {
        return current().provider();
    }

    public AiSettings settings() {
        return current().settings();
    }

    public Snapshot current() {
        Active current = active;
        long now = System.nanoTime();
        if (current != null && now - current.checkedAt() < env.refreshInterval().toNanos()) return current.snapshot();
        Instant version = repository.updatedAt().orElse(Instant.EPOCH);
        if (current != null && current.version().equals(version)) {
            active = new Active(version, current.snapshot(), now);
            return current.snapshot();
        }
        AiSettings s = stored.load();
        LlmProvider provider = factory.create(
                stored.providerSettings(s, repository.key(s.provider().id()).orElse(null)),
                s.embedding(),
                repository.key(AiConfigRepository.VOYAGE).orElse(null),
                stored.voyageBaseUrl());
        Snapshot snapshot = new Snapshot(provider, s);
        active = new Active(version, snapshot, now);
        return snapshot;
    }

    void invalidate() {
        active = null;
    }
}
