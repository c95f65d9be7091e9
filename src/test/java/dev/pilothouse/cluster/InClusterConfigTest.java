package dev.pilothouse.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.FileInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster Pilothouse runs in, reached as a pod reaches it: HTTPS to the service address,
 * verified with the mounted CA, with the mounted token, read again when the kubelet rotates it.
 * The API server is a TLS stand-in whose certificate keytool makes for the test.
 */
class InClusterConfigTest {

    @TempDir
    Path dir;

    HttpsServer apiServer;
    final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        Path keystore = dir.resolve("api.p12");
        keytool(
                "-genkeypair",
                "-alias",
                "api",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=kubernetes",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "changeit");
        Path serviceAccount = Files.createDirectories(dir.resolve("serviceaccount"));
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "api",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "changeit",
                "-file",
                serviceAccount.resolve("ca.crt").toString());
        Files.writeString(serviceAccount.resolve("token"), "token-one\n");
        Files.writeString(serviceAccount.resolve("namespace"), "pilothouse");

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = new FileInputStream(keystore.toFile())) {
            keys.load(in, "changeit".toCharArray());
        }
        var keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        apiServer = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        apiServer.setHttpsConfigurator(new HttpsConfigurator(tls));
        apiServer.createContext("/version", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body =
                    "{\"major\":\"1\",\"minor\":\"35\",\"gitVersion\":\"v1.35.0\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        apiServer.start();
    }

    @AfterEach
    void stop() {
        apiServer.stop(0);
    }

    static void keytool(String... args) throws Exception {
        var command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
    }

    @Test
    void connectsWithTheMountedCaAndTokenAndFollowsTheTokenWhenItRotates() throws Exception {
        var inCluster =
                new InClusterConfig("127.0.0.1", apiServer.getAddress().getPort(), dir.resolve("serviceaccount"));
        assertThat(inCluster.available()).isTrue();

        try (var client = new KubernetesClientBuilder()
                .withConfig(inCluster.clientConfig())
                .build()) {
            assertThat(client.getKubernetesVersion().getGitVersion()).isEqualTo("v1.35.0");
            assertThat(client.getNamespace()).isEqualTo("pilothouse");

            Files.writeString(dir.resolve("serviceaccount/token"), "token-two\n"); // the kubelet rotates it
            client.getKubernetesVersion();
        }

        assertThat(authorizations).containsExactly("Bearer token-one", "Bearer token-two");
    }

    @Test
    void outsideAPodThereIsNoClusterToJoin() {
        assertThat(new InClusterConfig("", 443, dir).available()).isFalse();
    }
}
