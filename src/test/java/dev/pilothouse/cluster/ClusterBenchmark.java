package dev.pilothouse.cluster;

import static dev.pilothouse.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.cluster.demo.BlankApiServer;
import dev.pilothouse.support.ServerTest;
import dev.pilothouse.support.SilentServer;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 3's benchmarks: {@code ./dev bench ClusterBenchmark}.
 * (1) Listing 5,000 pods through the REST API from a mock API server (target ≤ 1 s).
 * (2) One health round over 20 clusters of which 5 never answer (target: one health timeout).
 */
@Tag("benchmark")
class ClusterBenchmark extends ServerTest {

    static KubernetesMockServer apiServer;

    @Autowired
    ClusterHealthMonitor monitor;

    @Autowired
    ClusterProperties properties;

    @BeforeAll
    static void fillAnApiServerWith5000Pods() {
        apiServer = BlankApiServer.start();
        KubernetesClient client = apiServer.createClient();
        for (int i = 0; i < 5000; i++) {
            client.pods()
                    .inNamespace("ns-" + (i % 20))
                    .resource(new PodBuilder()
                            .withNewMetadata()
                            .withName("pod-" + i)
                            .addToLabels("app", "app-" + (i % 50))
                            .endMetadata()
                            .withNewSpec()
                            .addNewContainer()
                            .withName("main")
                            .withImage("nginx:1.27")
                            .endContainer()
                            .endSpec()
                            .withNewStatus()
                            .withPhase("Running")
                            .endStatus()
                            .build())
                    .create();
        }
        client.close();
    }

    @AfterAll
    static void stop() {
        apiServer.destroy();
    }

    static String kubeconfig(String url) {
        return """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "%s"}}]
                users: [{name: u, user: {token: t}}]
                contexts: [{name: ctx, context: {cluster: c, user: u}}]
                current-context: ctx
                """.formatted(url);
    }

    @Test
    void list5000PodsThroughTheRestApi() {
        var admin = admin();
        admin.post("/api/clusters", json(Map.of("name", "bench-5000", "kubeconfig", kubeconfig(apiServer.url("/")))));
        try {
            long[] millis = new long[12];
            for (int run = 0; run < millis.length; run++) {
                long started = System.nanoTime();
                var response = admin.get("/api/clusters/bench-5000/resources/pods?limit=5000");
                millis[run] = (System.nanoTime() - started) / 1_000_000;
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.json().get("items")).hasSize(5000);
            }
            long[] measured = Arrays.copyOfRange(millis, 2, millis.length); // first two warm the JIT
            Arrays.sort(measured);
            System.out.printf(
                    "BENCHMARK list 5000 pods via REST: median %d ms, p90 %d ms, max %d ms (runs after warm-up: %d)%n",
                    measured[measured.length / 2],
                    measured[(int) (measured.length * 0.9)],
                    measured[measured.length - 1],
                    measured.length);
        } finally {
            admin.delete("/api/clusters/bench-5000");
        }
    }

    @Test
    void healthRoundOver20ClustersWith5Silent() throws Exception {
        var admin = admin();
        List<SilentServer> silent = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                String name = "bench-health-" + i;
                String config;
                if (i % 4 == 0) {
                    SilentServer server = new SilentServer();
                    silent.add(server);
                    config = server.kubeconfig("ctx");
                } else {
                    config = kubeconfig(apiServer.url("/"));
                }
                admin.post("/api/clusters", json(Map.of("name", name, "kubeconfig", config)));
                names.add(name);
            }
            long[] millis = new long[3];
            for (int run = 0; run < millis.length; run++) {
                long started = System.nanoTime();
                monitor.checkAll();
                millis[run] = (System.nanoTime() - started) / 1_000_000;
            }
            long unreachable = names.stream()
                    .filter(n -> admin.get("/api/clusters/" + n)
                            .json()
                            .at("/health/status")
                            .asString()
                            .equals("unreachable"))
                    .count();
            assertThat(unreachable).isEqualTo(5);
            System.out.printf(
                    "BENCHMARK health round, 20 clusters (5 silent), timeout %d ms: %s ms%n",
                    properties.healthTimeout().toMillis(), Arrays.toString(millis));
        } finally {
            names.forEach(n -> admin.delete("/api/clusters/" + n));
            for (SilentServer s : silent) s.close();
        }
    }
}
