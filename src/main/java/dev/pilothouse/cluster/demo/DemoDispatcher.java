package dev.pilothouse.cluster.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes fabric8's CRUD mock server behave enough like a real API server for the demo: discovery,
 * pod logs, metrics.k8s.io computed from the stored pods, {@code dryRun=All} that changes nothing,
 * and server-side apply (as create-or-merge, which is what the dashboard needs of it). Everything
 * else goes to the CRUD store.
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
    private static final String APPLY_PATCH = "application/apply-patch+yaml";

    private final DemoStore store;
    private final DemoLogs logs;
    private final DemoMetrics metrics;
    private final DemoDeploymentController deployments;
    private final ObjectMapper json = DemoStore.JSON;
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final Map<String, String> creationTimes = new java.util.concurrent.ConcurrentHashMap<>();

    DemoDispatcher(Dispatcher crud, DemoLogs logs) {
        this.store = new DemoStore(crud);
        this.logs = logs;
        this.metrics = new DemoMetrics(store);
        this.deployments = new DemoDeploymentController(store);
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
                return dryRun(request, path);
            }
            String contentType = request.getHeader("Content-Type");
            if (method.equals("PATCH") && contentType != null && contentType.startsWith(APPLY_PATCH)) {
                return apply(request, path);
            }
            if (method.equals("POST")) {
                // The body is read once (the store consumes it), so hand the store a copy.
                String body = request.getUtf8Body();
                Buffer copy = new Buffer();
                copy.writeUtf8(body);
                MockResponse response = store.dispatch(new RecordedRequest(
                        request.getHttpVersion(), HttpMethod.POST, request.getPath(), request.getHeaders(), copy));
                return response.code() == 201 || response.code() == 200
                        ? rememberCreationTimestamp(body, response)
                        : response;
            }
            MockResponse response = store.dispatch(request);
            Matcher workload = DEPLOYMENT.matcher(path);
            if ((method.equals("PATCH") || method.equals("PUT")) && response.code() == 200 && workload.matches()) {
                deployments.reconcile(workload.group(1), workload.group(2));
            }
            if (method.equals("GET") && !"true".equals(query.get("watch"))) {
                return restoreCreationTimestamps(response);
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

    /**
     * The CRUD store stamps every object with the time it was stored; the scenario's objects are
     * meant to look days or weeks old. The creation time sent with an object is remembered (by
     * uid) and put back into what is read.
     */
    private MockResponse rememberCreationTimestamp(String sent, MockResponse created) throws Exception {
        String wanted =
                json.readTree(sent).path("metadata").path("creationTimestamp").asText("");
        if (wanted.isEmpty()) return created;
        String body = created.getBody().readUtf8();
        ObjectNode stored = (ObjectNode) json.readTree(body);
        creationTimes.put(stored.path("metadata").path("uid").asText(), wanted);
        ((ObjectNode) stored.path("metadata")).put("creationTimestamp", wanted);
        return store.jsonResponse(created.code(), json.writeValueAsString(stored));
    }

    private MockResponse restoreCreationTimestamps(MockResponse response) throws Exception {
        if (creationTimes.isEmpty() || response.code() != 200) return response;
        String body = response.getBody().readUtf8();
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (Exception notJson) {
            return store.jsonResponse(200, body);
        }
        if (node.has("items")) {
            node.path("items").forEach(this::restore);
        } else {
            restore(node);
        }
        return store.jsonResponse(200, json.writeValueAsString(node));
    }

    private void restore(JsonNode object) {
        String wanted = creationTimes.get(object.path("metadata").path("uid").asText());
        if (wanted != null) ((ObjectNode) object.path("metadata")).put("creationTimestamp", wanted);
    }

    /** A dry run answers as the real call would, and stores nothing. */
    private MockResponse dryRun(RecordedRequest request, String path) throws Exception {
        JsonNode existing = request.getMethod().equals("POST") ? null : store.read(path);
        String contentType = request.getHeader("Content-Type");
        return switch (request.getMethod()) {
            case "DELETE" -> existing == null ? store.notFound(path) : store.ok(existing);
            case "POST", "PUT" -> store.ok(json.readTree(request.getUtf8Body()));
            case "PATCH" -> {
                JsonNode patch = contentType != null && contentType.startsWith(APPLY_PATCH)
                        ? yaml.readTree(request.getUtf8Body())
                        : json.readTree(request.getUtf8Body());
                if (patch.isArray()) {
                    yield store.status(
                            415,
                            "UnsupportedMediaType",
                            "the demo cluster supports dry runs of merge patches and apply");
                }
                if (existing == null) {
                    yield contentType != null && contentType.startsWith(APPLY_PATCH)
                            ? store.ok(patch)
                            : store.notFound(path);
                }
                yield store.ok(mergePatch(existing.deepCopy(), patch));
            }
            default -> store.dispatch(request);
        };
    }

    /** Server-side apply, simplified: create when absent, else merge the applied fields in. */
    private MockResponse apply(RecordedRequest request, String path) throws Exception {
        JsonNode applied = yaml.readTree(request.getUtf8Body());
        JsonNode existing = store.read(path);
        if (existing == null) {
            String collection = path.substring(0, path.lastIndexOf('/'));
            return store.dispatch(DemoStore.forward(HttpMethod.POST, collection, json.writeValueAsString(applied)));
        }
        JsonNode merged = mergePatch(existing.deepCopy(), applied);
        return store.dispatch(DemoStore.forward(HttpMethod.PUT, path, json.writeValueAsString(merged)));
    }

    /** RFC 7386 JSON merge patch. */
    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) return patch;
        ObjectNode result =
                target != null && target.isObject() ? (ObjectNode) target : new ObjectMapper().createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), mergePatch(result.get(field.getKey()), field.getValue()));
            }
        }
        return result;
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
