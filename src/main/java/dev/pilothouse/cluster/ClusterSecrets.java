package dev.pilothouse.cluster;

import dev.pilothouse.platform.ApiException;
import dev.pilothouse.platform.EncryptedSettings;
import dev.pilothouse.platform.SecretCipher;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The stored kubeconfigs: sealed to their cluster's row, opened for a client or the server
 * address, and offered to the platform so it can check that each can still be decrypted and
 * re-seal old ones.
 */
@Component
class ClusterSecrets implements EncryptedSettings {

    private final ClusterRepository clusters;
    private final SecretCipher cipher;

    ClusterSecrets(ClusterRepository clusters, SecretCipher cipher) {
        this.clusters = clusters;
        this.cipher = cipher;
    }

    /** Where a cluster's kubeconfig is stored: its ciphertext is bound to that row and column. */
    static SecretCipher.Place kubeconfigPlace(String cluster) {
        return new SecretCipher.Place("clusters", cluster, "kubeconfig_encrypted");
    }

    String seal(String cluster, String kubeconfigYaml) {
        return cipher.encrypt(kubeconfigYaml, kubeconfigPlace(cluster));
    }

    String kubeconfigOf(ClusterRepository.Row row) {
        return cipher.decrypt(
                row.kubeconfigEncrypted(), kubeconfigPlace(row.name()), "kubeconfig of cluster " + row.name());
    }

    /** The API server a kubeconfig cluster is reached at; null for the others or an unreadable file. */
    String serverOf(ClusterRepository.Row row) {
        if (row.source() != ClusterSource.KUBECONFIG) return null;
        try {
            return Kubeconfig.parse(kubeconfigOf(row)).server(row.context());
        } catch (ApiException e) {
            return null;
        }
    }

    @Override
    public List<StoredSecret> storedSecrets() {
        return clusters.findAll().stream()
                .filter(row -> row.kubeconfigEncrypted() != null)
                .map(row -> new StoredSecret(
                        "kubeconfig of cluster " + row.name(), row.kubeconfigEncrypted(), kubeconfigPlace(row.name())))
                .toList();
    }

    @Override
    public boolean reseal(SecretCipher.Place place, String old, String resealed) {
        return clusters.replaceKubeconfigCiphertext(place.row(), old, resealed);
    }
}
