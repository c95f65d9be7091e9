package dev.pilothouse.cluster;

import dev.pilothouse.platform.EncryptedSettings;
import java.util.List;
import org.springframework.stereotype.Component;

/** Lets the platform check that every stored kubeconfig can still be decrypted. */
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
                .map(row -> new StoredSecret("kubeconfig of cluster " + row.name(), row.kubeconfigEncrypted()))
                .toList();
    }
}
