package dev.pilothouse.platform;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * At start-up, re-seals every stored secret still in the {@code v1} format (bound to the key id
 * only) so that it is bound to its table, row and column. A value this key cannot open is left as
 * it is, for {@link SecretsHealthIndicator} to report; nothing is lost.
 */
@Component
class LegacySecretsUpgrade {

    private static final Logger log = LoggerFactory.getLogger(LegacySecretsUpgrade.class);

    private final List<EncryptedSettings> sources;
    private final SecretCipher cipher;

    LegacySecretsUpgrade(List<EncryptedSettings> sources, SecretCipher cipher) {
        this.sources = sources;
        this.cipher = cipher;
    }

    @EventListener(ApplicationReadyEvent.class)
    void upgradeAtStartup() {
        try {
            int resealed = upgrade();
            if (resealed > 0) log.info("Re-sealed {} stored secrets bound to their table, row and column.", resealed);
        } catch (DataAccessException e) {
            log.warn("Stored secrets were not re-sealed (the database is unavailable); they still read.", e);
        }
    }

    int upgrade() {
        int resealed = 0;
        for (EncryptedSettings source : sources) {
            for (EncryptedSettings.StoredSecret secret : source.storedSecrets()) {
                if (!cipher.isLegacy(secret.ciphertext()) || !cipher.isCurrentKey(secret.ciphertext())) continue;
                String plaintext;
                try {
                    plaintext = cipher.decrypt(secret.ciphertext(), secret.place(), secret.setting());
                } catch (SecretUnreadableException e) {
                    continue;
                }
                if (source.reseal(secret.place(), secret.ciphertext(), cipher.encrypt(plaintext, secret.place()))) {
                    resealed++;
                }
            }
        }
        return resealed;
    }
}
