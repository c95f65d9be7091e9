package dev.pilothouse.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The client configuration of the cluster Pilothouse runs in, from its pod's ServiceAccount: the
 * API server from {@code KUBERNETES_SERVICE_HOST}/{@code _PORT}, its CA and token from the mounted
 * files. Only those: unlike fabric8's autoConfigure, a kubeconfig that happens to be in the pod is
 * not read. The token file is read again for every request, since the kubelet rotates bound
 * ServiceAccount tokens (hourly by default).
 *
 * @param host empty when not running in a pod
 */
record InClusterConfig(String host, int port, Path serviceAccountDir) {

    boolean available() {
        return host != null && !host.isBlank();
    }

    Config clientConfig() {
        String hostPart = host.contains(":") ? "[" + host + "]" : host; // an IPv6 service address
        Path token = serviceAccountDir.resolve("token");
        Path ca = serviceAccountDir.resolve("ca.crt");
        Path namespace = serviceAccountDir.resolve("namespace");
        var builder = new ConfigBuilder(Config.empty())
                .withMasterUrl("https://" + hostPart + ":" + port)
                .withOauthTokenProvider(() -> read(token));
        if (Files.isReadable(ca)) builder.withCaCertFile(ca.toString());
        if (Files.isReadable(namespace)) builder.withNamespace(read(namespace));
        return builder.build();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " of the pod's ServiceAccount", e);
        }
    }
}
