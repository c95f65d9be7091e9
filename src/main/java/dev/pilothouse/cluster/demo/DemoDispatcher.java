package dev.pilothouse.cluster.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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

    private final Dispatcher store;
    private final DemoLogs logs;
    private final ObjectMapper json = new ObjectMapper();
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final Map<String, String> creationTimes = new java.util.concurrent.ConcurrentHashMap<>();

    DemoDispatcher(Dispatcher store, DemoLogs logs) {
        this.store = store;
        this.logs = logs;
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
                reconcile(workload.group(1), workload.group(2));
            }
            if (method.equals("GET") && !"true".equals(query.get("watch"))) {
                return restoreCreationTimestamps(response);
            }
            return response;
        } catch (Exception e) {
            return status(500, "InternalError", "demo cluster: " + e.getMessage());
        }
    }

    private MockResponse get(String path, Map<String, String> query) throws Exception {
        if (path.equals("/api")) return ok(DemoCatalog.coreVersions());
        if (path.equals("/apis")) return ok(DemoCatalog.groups());
        Matcher m = GROUP_VERSION.matcher(path);
        if (m.matches()) {
            var resources = DemoCatalog.resources(m.group(1) != null ? m.group(1) : m.group(2));
            return resources == null
                    ? status(404, "NotFound", "the server could not find the requested resource")
                    : ok(resources);
        }
        if ((m = LOG.matcher(path)).matches()) return log(m.group(1), m.group(2), query);
        if ((m = POD_METRICS.matcher(path)).matches()) return podMetrics(m.group(1), m.group(2));
        if ((m = NODE_METRICS.matcher(path)).matches()) return nodeMetrics(m.group(1));
        return null;
    }

    private MockResponse log(String namespace, String pod, Map<String, String> query) throws Exception {
        JsonNode stored = read("/api/v1/namespaces/" + namespace + "/pods/" + pod);
        if (stored == null) return status(404, "NotFound", "pods \"" + pod + "\" not found");
        ArrayNode containers = (ArrayNode) stored.path("spec").path("containers");
        String container = query.get("container");
        if (container == null) {
            if (containers.size() != 1) {
                return status(400, "BadRequest", "a container name must be specified for pod " + pod);
            }
            container = containers.get(0).path("name").asText();
        }
        boolean previous = "true".equals(query.get("previous"));
        String text = logs.text(namespace, pod, container, previous);
        if (text == null) {
            return previous
                    ? status(
                            400,
                            "BadRequest",
                            "previous terminated container \"" + container + "\" in pod \"" + pod + "\" not found")
                    : status(
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

    private MockResponse podMetrics(String namespace, String name) throws Exception {
        JsonNode pods = read(namespace == null ? "/api/v1/pods" : "/api/v1/namespaces/" + namespace + "/pods");
        ArrayNode items = json.createArrayNode();
        for (JsonNode pod : pods.path("items")) {
            if (!"Running".equals(pod.path("status").path("phase").asText())) continue;
            if (name != null && !name.equals(pod.path("metadata").path("name").asText())) continue;
            ObjectNode item = items.addObject();
            item.set(
                    "metadata",
                    json.createObjectNode()
                            .put("name", pod.path("metadata").path("name").asText())
                            .put(
                                    "namespace",
                                    pod.path("metadata").path("namespace").asText()));
            item.put("timestamp", Instant.now().toString()).put("window", "30s");
            ArrayNode containers = item.putArray("containers");
            for (JsonNode c : pod.path("spec").path("containers")) {
                int seed = Math.abs((pod.path("metadata").path("name").asText()
                                + c.path("name").asText())
                        .hashCode());
                containers
                        .addObject()
                        .put("name", c.path("name").asText())
                        .set(
                                "usage",
                                json.createObjectNode()
                                        .put("cpu", (20 + seed % 180) + "m")
                                        .put("memory", (64 + seed % 192) + "Mi"));
            }
        }
        if (name != null) {
            return items.isEmpty()
                    ? status(404, "NotFound", "podmetrics \"" + name + "\" not found")
                    : ok(items.get(0));
        }
        return ok(Map.of("kind", "PodMetricsList", "apiVersion", "metrics.k8s.io/v1beta1", "items", items));
    }

    private MockResponse nodeMetrics(String name) throws Exception {
        JsonNode nodes = read("/api/v1/nodes");
        ArrayNode items = json.createArrayNode();
        for (JsonNode node : nodes.path("items")) {
            String nodeName = node.path("metadata").path("name").asText();
            if (name != null && !name.equals(nodeName)) continue;
            int seed = Math.abs(nodeName.hashCode());
            ObjectNode item = items.addObject();
            item.set("metadata", json.createObjectNode().put("name", nodeName));
            item.put("timestamp", Instant.now().toString()).put("window", "30s");
            item.set(
                    "usage",
                    json.createObjectNode()
                            .put("cpu", (900 + seed % 1800) + "m")
                            .put("memory", (4000 + seed % 6000) + "Mi"));
        }
        if (name != null) {
            return items.isEmpty()
                    ? status(404, "NotFound", "nodemetrics \"" + name + "\" not found")
                    : ok(items.get(0));
        }
        return ok(Map.of("kind", "NodeMetricsList", "apiVersion", "metrics.k8s.io/v1beta1", "items", items));
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
        return jsonResponse(created.code(), json.writeValueAsString(stored));
    }

    private MockResponse restoreCreationTimestamps(MockResponse response) throws Exception {
        if (creationTimes.isEmpty() || response.code() != 200) return response;
        String body = response.getBody().readUtf8();
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (Exception notJson) {
            return jsonResponse(200, body);
        }
        if (node.has("items")) {
            node.path("items").forEach(this::restore);
        } else {
            restore(node);
        }
        return jsonResponse(200, json.writeValueAsString(node));
    }

    private void restore(JsonNode object) {
        String wanted = creationTimes.get(object.path("metadata").path("uid").asText());
        if (wanted != null) ((ObjectNode) object.path("metadata")).put("creationTimestamp", wanted);
    }

    private static MockResponse jsonResponse(int code, String body) {
        return new MockResponse()
                .setResponseCode(code)
                .addHeader("Content-Type", "application/json")
                .setBody(body);
    }

    /**
     * A very small Deployment controller, so scaling in the demo shows: pods are cloned from an
     * existing one (a crashing pod clones as crashing) or the newest are removed until the count
     * matches, and the Deployment's status follows.
     */
    private void reconcile(String namespace, String name) throws Exception {
        String deploymentPath = "/apis/apps/v1/namespaces/" + namespace + "/deployments/" + name;
        JsonNode deployment = read(deploymentPath);
        if (deployment == null) return;
        int wanted = deployment.path("spec").path("replicas").asInt(1);
        List<JsonNode> pods = new java.util.ArrayList<>();
        for (JsonNode pod : read("/api/v1/namespaces/" + namespace + "/pods").path("items")) {
            if (name.equals(pod.path("metadata").path("labels").path("app").asText())) pods.add(pod);
        }
        if (pods.isEmpty()) return;
        pods.sort(java.util.Comparator.comparing(
                p -> p.path("metadata").path("creationTimestamp").asText()));
        String podsPath = "/api/v1/namespaces/" + namespace + "/pods";
        while (pods.size() < wanted) {
            ObjectNode clone = pods.getFirst().deepCopy();
            ObjectNode meta = (ObjectNode) clone.path("metadata");
            String base = meta.path("name").asText();
            meta.put(
                    "name",
                    base.substring(0, base.lastIndexOf('-') + 1)
                            + Long.toString(Math.abs(System.nanoTime()) % 60_466_176L, 36));
            meta.remove(List.of("uid", "resourceVersion", "creationTimestamp"));
            store.dispatch(forward(HttpMethod.POST, podsPath, json.writeValueAsString(clone)));
            pods.add(clone);
        }
        while (pods.size() > wanted) {
            JsonNode newest = pods.removeLast();
            store.dispatch(forward(
                    HttpMethod.DELETE,
                    podsPath + "/" + newest.path("metadata").path("name").asText(),
                    null));
        }
        long ready = pods.stream()
                .filter(p -> p.path("status")
                        .path("containerStatuses")
                        .path(0)
                        .path("ready")
                        .asBoolean(false))
                .count();
        ObjectNode updated = deployment.deepCopy();
        ObjectNode status = updated.has("status") ? (ObjectNode) updated.get("status") : updated.putObject("status");
        status.put("replicas", wanted)
                .put("updatedReplicas", wanted)
                .put("readyReplicas", ready)
                .put("availableReplicas", ready)
                .put("unavailableReplicas", wanted - ready);
        store.dispatch(forward(HttpMethod.PUT, deploymentPath, json.writeValueAsString(updated)));
    }

    /** A dry run answers as the real call would, and stores nothing. */
    private MockResponse dryRun(RecordedRequest request, String path) throws Exception {
        JsonNode existing = request.getMethod().equals("POST") ? null : read(path);
        String contentType = request.getHeader("Content-Type");
        return switch (request.getMethod()) {
            case "DELETE" -> existing == null ? notFound(path) : ok(existing);
            case "POST", "PUT" -> ok(json.readTree(request.getUtf8Body()));
            case "PATCH" -> {
                JsonNode patch = contentType != null && contentType.startsWith(APPLY_PATCH)
                        ? yaml.readTree(request.getUtf8Body())
                        : json.readTree(request.getUtf8Body());
                if (patch.isArray()) {
                    yield status(
                            415,
                            "UnsupportedMediaType",
                            "the demo cluster supports dry runs of merge patches and apply");
                }
                if (existing == null) {
                    yield contentType != null && contentType.startsWith(APPLY_PATCH) ? ok(patch) : notFound(path);
                }
                yield ok(mergePatch(existing.deepCopy(), patch));
            }
            default -> store.dispatch(request);
        };
    }

    /** Server-side apply, simplified: create when absent, else merge the applied fields in. */
    private MockResponse apply(RecordedRequest request, String path) throws Exception {
        JsonNode applied = yaml.readTree(request.getUtf8Body());
        JsonNode existing = read(path);
        if (existing == null) {
            String collection = path.substring(0, path.lastIndexOf('/'));
            return store.dispatch(forward(HttpMethod.POST, collection, json.writeValueAsString(applied)));
        }
        JsonNode merged = mergePatch(existing.deepCopy(), applied);
        return store.dispatch(forward(HttpMethod.PUT, path, json.writeValueAsString(merged)));
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

    private JsonNode read(String path) throws Exception {
        MockResponse response = store.dispatch(forward(HttpMethod.GET, path, null));
        if (response.code() == 404) return null;
        return json.readTree(response.getBody().readUtf8());
    }

    private static RecordedRequest forward(HttpMethod method, String path, String body) {
        Buffer buffer = new Buffer();
        if (body != null) buffer.writeUtf8(body);
        Headers headers =
                new Headers.Builder().add("Content-Type", "application/json").build();
        return new RecordedRequest("HTTP/1.1", method, path, headers, buffer);
    }

    private MockResponse ok(Object body) throws Exception {
        return new MockResponse()
                .setResponseCode(200)
                .addHeader("Content-Type", "application/json")
                .setBody(json.writeValueAsString(body));
    }

    private MockResponse notFound(String path) throws Exception {
        return status(404, "NotFound", "\"" + path.substring(path.lastIndexOf('/') + 1) + "\" not found");
    }

    private MockResponse status(int code, String reason, String message) {
        try {
            Map<String, Object> status = Map.of(
                    "kind",
                    "Status",
                    "apiVersion",
                    "v1",
                    "status",
                    "Failure",
                    "message",
                    message,
                    "reason",
                    reason,
                    "code",
                    code);
            return new MockResponse()
                    .setResponseCode(code)
                    .addHeader("Content-Type", "application/json")
                    .setBody(json.writeValueAsString(status));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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
