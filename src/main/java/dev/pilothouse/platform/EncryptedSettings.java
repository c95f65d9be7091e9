package dev.pilothouse.platform;

import java.util.List;

/**
 * Implemented by each feature that stores encrypted secrets, so the platform can check at
 * start-up (and in health) that every one of them is readable with the current master key.
 */
public interface EncryptedSettings {

    List<StoredSecret> storedSecrets();

    /** @param setting a name a person recognises, e.g. "kubeconfig of cluster prod" */
    record StoredSecret(String setting, String ciphertext) {}
}
