package dev.pilothouse.cluster.demo;

import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/** An empty API server for tests and benchmarks: CRUD storage plus the demo's discovery documents. */
public final class BlankApiServer {

    private BlankApiServer() {}

    public static KubernetesMockServer start() {
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        var server = new KubernetesMockServer(
                new Context(),
                new MockWebServer(),
                expectations,
                new DemoDispatcher(new KubernetesMixedDispatcher(expectations), new DemoLogs()),
                false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        return server;
    }
}
