package dev.pilothouse.platform;

import java.util.List;

/**
 * Implemented by each feature that stores encrypted secrets, so the platform can check at
 * start-up (and in health) that every one of them is readable with the current master key, and
 * re-seal values of the older format bound to their place.
 */
public interface EncryptedSettings {

    List<StoredSecret> storedSecrets();

    /**
     * Replaces the value at {@code place} with {@code resealed} if it still is {@code old} (another
     * replica may have re-sealed or replaced it meanwhile).
     *
     * @return whether it was replaced
     */
    default boolean reseal(SecretCipher.Place place, String old, String resealed) {
        return false;
    }

    /**
     * @param setting a name a person recognises, e.g. "kubeconfig of cluster prod"
     * @param place where the ciphertext is stored
     */
    record StoredSecret(String setting, String ciphertext, SecretCipher.Place place) {}
}
