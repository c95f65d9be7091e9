package dev.pilothouse.platform;

import static dev.pilothouse.support.ApiClient.json;
import static dev.pilothouse.support.ApiClient.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.support.ApiClient;
import dev.pilothouse.support.IntegrationTest;
import dev.pilothouse.support.SilentServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A stored kubeconfig is bound to its row: copied to another cluster's row, it does not decrypt. */
@IntegrationTest
class BoundSecretsTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SecretCipher cipher;

    @Autowired
    LegacySecretsUpgrade upgrade;

    String ciphertext(String cluster) {
        return jdbc.sql("SELECT kubeconfig_encrypted FROM clusters WHERE name = ?")
                .param(cluster)
                .query(String.class)
                .single();
    }

    /** As someone with write access to the database would; updated_at makes the server rebuild its client. */
    void store(String cluster, String ciphertext) {
        jdbc.sql("UPDATE clusters SET kubeconfig_encrypted = ?, updated_at = clock_timestamp() WHERE name = ?")
                .params(ciphertext, cluster)
                .update();
    }

    @Test
    void aKubeconfigCopiedToAnotherClustersRowIsRefusedAndAnOldFormatOneStillReads() throws Exception {
        var admin = new ApiClient(port).loggedIn("admin", IntegrationTest.ADMIN_PASSWORD);
        String victim = uniqueName("victim");
        String copy = uniqueName("copy");
        try (var silent = new SilentServer()) {
            for (String name : new String[] {victim, copy}) {
                var registered =
                        admin.post("/api/clusters", json(Map.of("name", name, "kubeconfig", silent.kubeconfig("ctx"))));
                assertThat(registered.status()).as(registered.body()).isEqualTo(201);
            }
            assertThat(ciphertext(victim)).startsWith("v2:");

            store(copy, ciphertext(victim));
            var refused = admin.get("/api/clusters/" + copy + "/resources/pods");
            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThat(refused.errorCode()).isEqualTo("secret_unreadable");
            assertThat(refused.errorMessage())
                    .contains("kubeconfig of cluster " + copy)
                    .contains("copied there from another row or column");

            // A value written before values were bound to their place still reads, and is re-sealed.
            store(copy, cipher.encryptLegacy(silent.kubeconfig("ctx")));
            assertThat(admin.get("/api/clusters/" + copy).json().get("server").asString())
                    .isEqualTo("https://127.0.0.1:" + silent.port());
            assertThat(upgrade.upgrade()).isGreaterThanOrEqualTo(1);
            assertThat(ciphertext(copy)).startsWith("v2:");
            assertThat(cipher.decrypt(
                            ciphertext(copy),
                            new SecretCipher.Place("clusters", copy, "kubeconfig_encrypted"),
                            "kubeconfig"))
                    .isEqualTo(silent.kubeconfig("ctx"));
            assertThat(admin.get("/api/clusters/" + copy).json().get("server").asString())
                    .isEqualTo("https://127.0.0.1:" + silent.port());
        } finally {
            admin.delete("/api/clusters/" + victim);
            admin.delete("/api/clusters/" + copy);
        }
    }
}
