package dev.pilothouse.cluster.demo;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import jakarta.annotation.PreDestroy;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The demo cluster: fabric8's mock API server in CRUD mode, in this process, on loopback,
 * seeded with {@link DemoScenario}. Started on first use. It is a simulation and is labelled so
 * wherever it appears; each replica has its own.
 */
@Component
public class DemoCluster {

    public static final String NAME = "demo";
    private static final Logger log = LoggerFactory.getLogger(DemoCluster.class);

    private KubernetesMockServer server;
    private volatile KubernetesClient client;

    public synchronized KubernetesClient client() {
        if (client == null) {
            start();
        }
        return client;
    }

    /** The client if the demo server runs, else null (never starts it). */
    public KubernetesClient clientIfStarted() {
        return client;
    }

    private void start() {
        long started = System.nanoTime();
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        DemoLogs logs = new DemoLogs();
        var store = new KubernetesMixedDispatcher(expectations);
        store.expectCustomResource(DemoScenario.CERTIFICATES);
        var dispatcher = new DemoDispatcher(store, logs);
        var version = new VersionInfo.Builder()
                .withMajor("1")
                .withMinor("35")
                .withGitVersion("v1.35.0")
                .withPlatform("linux/amd64")
                .build();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations, dispatcher, false, version);
        server.init(InetAddress.getLoopbackAddress(), 0);
        KubernetesClient created = server.createClient();
        new DemoScenario(created, logs).seed();
        client = created;
        log.info("Demo cluster (simulated) started in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    @PreDestroy
    synchronized void stop() {
        if (client != null) {
            client.close();
            client = null;
        }
        if (server != null) {
            server.destroy();
            server = null;
        }
    }
}
