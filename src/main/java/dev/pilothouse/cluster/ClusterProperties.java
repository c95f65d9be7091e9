package dev.pilothouse.cluster;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param demo register the simulated demo cluster on first start when no kubeconfig is found
 *     ({@code PILOTHOUSE_DEMO=false} turns it off)
 * @param importKubeconfig on first start, import the contexts of {@code $KUBECONFIG} or
 *     {@code ~/.kube/config}
 * @param kubeconfig the file to import; empty means {@code $KUBECONFIG}, then {@code ~/.kube/config}
 * @param connectTimeout bound on opening a connection to an API server
 * @param requestTimeout bound on one API call
 * @param healthInterval how often every cluster is checked in the background
 * @param healthTimeout a cluster that does not answer a health check within this is unreachable
 * @param inClusterHost the API server of the cluster Pilothouse runs in ({@code KUBERNETES_SERVICE_HOST}); empty outside a pod
 * @param inClusterPort its port ({@code KUBERNETES_SERVICE_PORT})
 * @param serviceAccountDir where the pod's ServiceAccount token, CA and namespace are mounted
 */
@ConfigurationProperties("pilothouse.clusters")
record ClusterProperties(
        @DefaultValue("true") boolean demo,
        @DefaultValue("true") boolean importKubeconfig,
        Path kubeconfig,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("20s") Duration requestTimeout,
        @DefaultValue("30s") Duration healthInterval,
        @DefaultValue("5s") Duration healthTimeout,
        @DefaultValue("") String inClusterHost,
        @DefaultValue("443") int inClusterPort,

        @DefaultValue("/var/run/secrets/kubernetes.io/serviceaccount")
        Path serviceAccountDir) {

    InClusterConfig inCluster() {
        return new InClusterConfig(inClusterHost, inClusterPort, serviceAccountDir);
    }
}
