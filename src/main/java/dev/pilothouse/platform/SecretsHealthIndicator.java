package dev.pilothouse.platform;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Names every stored secret the current master key cannot open. The server keeps running (other
 * settings and clusters still work); the log at start-up and {@code /actuator/health} say which
 * settings to re-enter or which key to restore.
 */
@Component("secrets")
class SecretsHealthIndicator implements HealthIndicator {

    static final Status UNREADABLE = new Status("UNREADABLE_SECRETS");
    private static final Logger log = LoggerFactory.getLogger(SecretsHealthIndicator.class);

    private final List<EncryptedSettings> sources;
    private final SecretCipher cipher;

    SecretsHealthIndicator(List<EncryptedSettings> sources, SecretCipher cipher) {
        this.sources = sources;
        this.cipher = cipher;
    }

    List<String> unreadableSettings() {
        return sources.stream()
                .flatMap(s -> s.storedSecrets().stream())
                .filter(secret -> !readable(secret))
                .map(EncryptedSettings.StoredSecret::setting)
                .toList();
    }

    private boolean readable(EncryptedSettings.StoredSecret secret) {
        try {
            cipher.decrypt(secret.ciphertext(), secret.place(), secret.setting());
            return true;
        } catch (SecretUnreadableException e) {
            return false;
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void reportAtStartup() {
        List<String> unreadable = unreadableSettings();
        if (!unreadable.isEmpty()) {
            log.error(
                    "These stored secrets cannot be decrypted with the current master key: {}. Restore the original"
                            + " PILOTHOUSE_MASTER_KEY (or master.key file), or enter them again in Settings.",
                    String.join(", ", unreadable));
        }
    }

    @Override
    public Health health() {
        List<String> unreadable;
        try {
            unreadable = unreadableSettings();
        } catch (DataAccessException e) {
            // The database check reports the outage; health must still answer (503, not 500).
            return Health.unknown()
                    .withDetail("reason", "the stored secrets cannot be read: the database is unavailable")
                    .build();
        }
        return unreadable.isEmpty()
                ? Health.up().build()
                : Health.status(UNREADABLE).withDetail("unreadable", unreadable).build();
    }
}
