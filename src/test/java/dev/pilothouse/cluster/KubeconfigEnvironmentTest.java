package dev.pilothouse.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An uploaded kubeconfig means what it says: the server's own environment (KUBERNETES_MASTER,
 * kubernetes.trust.certificates, a token...) must not override where it connects or how it trusts.
 */
class KubeconfigEnvironmentTest {

    static final String KUBECONFIG = """
            apiVersion: v1
            kind: Config
            clusters: [{name: c, cluster: {server: "https://prod.example:6443"}}]
            users: [{name: u, user: {token: the-uploaded-token}}]
            contexts: [{name: c, context: {cluster: c, user: u, namespace: shop}}]
            current-context: c
            """;

    @AfterEach
    void clear() {
        for (String p : new String[] {
            "kubernetes.master", "kubernetes.trust.certificates", "kubernetes.auth.token", "kubernetes.namespace"
        }) {
            System.clearProperty(p);
        }
    }

    @Test
    void theServersEnvironmentDoesNotOverrideAnUploadedKubeconfig() {
        System.setProperty("kubernetes.master", "https://elsewhere.example:6443");
        System.setProperty("kubernetes.trust.certificates", "true");
        System.setProperty("kubernetes.auth.token", "the-servers-token");
        System.setProperty("kubernetes.namespace", "kube-system");

        var config = Kubeconfig.parse(KUBECONFIG).clientConfig("c");

        assertThat(config.getMasterUrl()).startsWith("https://prod.example:6443");
        assertThat(config.isTrustCerts()).isFalse();
        assertThat(config.getOauthToken()).isNotEqualTo("the-servers-token");
        assertThat(config.getOauthToken() != null ? config.getOauthToken() : config.getAutoOAuthToken())
                .isEqualTo("the-uploaded-token");
        assertThat(config.getNamespace()).isEqualTo("shop");
    }
}
