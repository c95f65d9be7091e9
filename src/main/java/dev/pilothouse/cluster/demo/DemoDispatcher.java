package dev.pilothouse.cluster.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes fabric8's CRUD mock server behave enough like a real API server for the demo by routing
 * each request: discovery and pod logs are answered here, metrics.k8s.io by {@link DemoMetrics},
 * dry runs and server-side apply by {@link DemoWrites}; everything else goes to the CRUD store,
 * after which Deployments are reconciled ({@link DemoDeploymentController}) and creation times
 * restored ({@link DemoCreationTimes}).
 */
final class DemoDispatcher extends Dispatcher {

    private static final Pattern GROUP_VERSION = Pattern.compile("^/(?:api/(v1)|apis/([^/]+/[^/]+))$");
    private static final Pattern LOG = Pattern.compile("^/api/v1/namespaces/([^/]+)/pods/([^/]+)/log$");
    private static final Pattern POD_METRICS =
            Pattern.compile("^/apis/metrics\\.k8s\\.io/v1beta1/(?:namespaces/([^/]+)/)?pods(?:/([^/]+))?$");
    private static final Pattern NODE_METRICS =
            Pattern.compile("^/apis/metrics\\.k8s\\.io/v1beta1/nodes(?:/([^/]+))?$");
    private static final Pattern DEPLOYMENT =
            Pattern.compile("^/apis/apps/v1/namespaces/([^/]+)/deployments/([^/]+)(?:/scale)?$");

    private final DemoStore store;
    private final DemoLogs logs;
    private final DemoMetrics metrics;
    private final DemoDeploymentController deployments;
    private final DemoWrites writes;
    private final DemoCreationTimes creationTimes = new DemoCreationTimes();

    DemoDispatcher(Dispatcher crud, DemoLogs logs) {
        this.store = new DemoStore(crud);
        this.logs = logs;
        this.metrics = new DemoMetrics(store);
        this.deployments = new DemoDeploymentController(store);
        this.writes = new DemoWrites(store);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        URI uri = URI.create(request.getPath());
        String path = uri.getRawPath();
        Map<String, String> query = query(uri.getRawQuery());
        String method = request.getMethod();
        try {
            if (method.equals("GET")) {
                MockResponse special = get(path, query);
                if (special != null) return special;
            }
            if ("All".equals(query.get("dryRun"))) {
                return writes.dryRun(request, path);
            }
            if (method.equals("PATCH") && DemoWrites.isApply(request)) {
                return writes.apply(request, path);
            }
            if (method.equals("POST")) {
                // The body is read once (the store consumes it), so hand the store a copy.
                String body = request.getUtf8Body();
                Buffer copy = new Buffer();
                copy.writeUtf8(body);
                MockResponse response = store.dispatch(new RecordedRequest(
                        request.getHttpVersion(), HttpMethod.POST, request.getPath(), request.getHeaders(), copy));
                return response.code() == 201 || response.code() == 200
                        ? creationTimes.remember(body, response)
                        : response;
            }
            MockResponse response = store.dispatch(request);
            Matcher workload = DEPLOYMENT.matcher(path);
            if ((method.equals("PATCH") || method.equals("PUT")) && response.code() == 200 && workload.matches()) {
                deployments.reconcile(workload.group(1), workload.group(2));
            }
            if (method.equals("GET") && !"true".equals(query.get("watch"))) {
                return creationTimes.restore(response);
            }
            return response;
        } catch (Exception e) {
            return store.status(500, "InternalError", "demo cluster: " + e.getMessage());
        }
    }

    private MockResponse get(String path, Map<String, String> query) throws Exception {
        if (path.equals("/api")) return store.ok(DemoCatalog.coreVersions());
        if (path.equals("/apis")) return store.ok(DemoCatalog.groups());
        Matcher m = GROUP_VERSION.matcher(path);
        if (m.matches()) {
            var resources = DemoCatalog.resources(m.group(1) != null ? m.group(1) : m.group(2));
            return resources == null
                    ? store.status(404, "NotFound", "the server could not find the requested resource")
                    : store.ok(resources);
        }
        if ((m = LOG.matcher(path)).matches()) return log(m.group(1), m.group(2), query);
        if ((m = POD_METRICS.matcher(path)).matches()) return metrics.pods(m.group(1), m.group(2));
        if ((m = NODE_METRICS.matcher(path)).matches()) return metrics.nodes(m.group(1));
        return null;
    }

    private MockResponse log(String namespace, String pod, Map<String, String> query) throws Exception {
        JsonNode stored = store.read("/api/v1/namespaces/" + namespace + "/pods/" + pod);
        if (stored == null) return store.status(404, "NotFound", "pods \"" + pod + "\" not found");
        ArrayNode containers = (ArrayNode) stored.path("spec").path("containers");
        String container = query.get("container");
        if (container == null) {
            if (containers.size() != 1) {
                return store.status(400, "BadRequest", "a container name must be specified for pod " + pod);
            }
            container = containers.get(0).path("name").asText();
        }
        boolean previous = "true".equals(query.get("previous"));
        String text = logs.text(namespace, pod, container, previous);
        if (text == null) {
            return previous
                    ? store.status(
                            400,
                            "BadRequest",
                            "previous terminated container \"" + container + "\" in pod \"" + pod + "\" not found")
                    : store.status(
                            400,
                            "BadRequest",
                            "container \"" + container + "\" in pod \"" + pod + "\" is waiting to start");
        }
        if (query.containsKey("tailLines")) {
            List<String> lines = text.lines().toList();
            int tail = Integer.parseInt(query.get("tailLines"));
            text = String.join("\n", lines.subList(Math.max(0, lines.size() - tail), lines.size())) + "\n";
        }
        return new MockResponse()
                .setResponseCode(200)
                .addHeader("Content-Type", "text/plain")
                .setBody(text);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw == null) return query;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.put(key, value);
        }
        return query;
    }
}
