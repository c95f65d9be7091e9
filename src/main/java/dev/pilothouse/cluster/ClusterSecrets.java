package dev.pilothouse.cluster;

import dev.pilothouse.platform.EncryptedSettings;
import dev.pilothouse.platform.SecretCipher;
import java.util.List;
import org.springframework.stereotype.Component;

/** Lets the platform check that every stored kubeconfig can still be decrypted, and re-seal old ones. */
@Component
class ClusterSecrets implements EncryptedSettings {

    private final ClusterRepository clusters;

    ClusterSecrets(ClusterRepository clusters) {
        this.clusters = clusters;
    }

    @Override
    public List<StoredSecret> storedSecrets() {
        return clusters.findAll().stream()
                .filter(row -> row.kubeconfigEncrypted() != null)
                .map(row -> new StoredSecret(
                        "kubeconfig of cluster " + row.name(),
                        row.kubeconfigEncrypted(),
                        ClusterManager.kubeconfigPlace(row.name())))
                .toList();
    }

    @Override
    public boolean reseal(SecretCipher.Place place, String old, String resealed) {
        return clusters.replaceKubeconfigCiphertext(place.row(), old, resealed);
    }
}
