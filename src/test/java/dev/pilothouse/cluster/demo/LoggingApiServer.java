package dev.pilothouse.cluster.demo;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

/**
 * An empty API server (CRUD storage, the demo's discovery, dry runs, metrics from stored pods) whose
 * pod logs a test writes, and whose received requests a test can read: for tests of what the
 * assistant's tools send and receive.
 */
public final class LoggingApiServer implements AutoCloseable {

    private final KubernetesMockServer server;
    private final DemoLogs logs = new DemoLogs();
    private final KubernetesClient client;

    public LoggingApiServer() {
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        server = new KubernetesMockServer(
                new Context(),
                new MockWebServer(),
                expectations,
                new DemoDispatcher(new KubernetesMixedDispatcher(expectations), logs),
                false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
    }

    public KubernetesClient client() {
        return client;
    }

    public void log(String namespace, String pod, String container, String current, String previous) {
        logs.put(namespace, pod, container, current, previous);
    }

    /** A kubeconfig for registering this server as a cluster. */
    public String kubeconfig() {
        return "apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: \"" + server.url("/")
                + "\"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: ctx, context: {cluster: c, user: u}}]\n"
                + "current-context: ctx\n";
    }

    /** The requests received since the last call, in order ("METHOD path"). */
    public List<String> takeRequests() throws InterruptedException {
        List<String> all = new ArrayList<>();
        RecordedRequest r;
        while ((r = server.takeRequest(50, TimeUnit.MILLISECONDS)) != null) all.add(r.getMethod() + " " + r.getPath());
        return all;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
