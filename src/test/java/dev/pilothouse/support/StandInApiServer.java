package dev.pilothouse.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An API server stand-in that answers as kube-apiserver does where fabric8's mock server does
 * not: list items come back without {@code kind} and {@code apiVersion}, unknown paths are a 404
 * {@code Status}, and every request line is recorded raw (undecoded), so a test can assert exactly
 * which URL a request went to. Objects are keyed by their API path.
 */
public final class StandInApiServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, String> objects = new ConcurrentHashMap<>();
    /** Path → body answered instead of the stored object: an API server (or a proxy) that lies. */
    private final Map<String, String> overrides = new ConcurrentHashMap<>();

    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    /** Path → [manager, field]: a server-side apply there without force=true is a 409 conflict. */
    private final Map<String, String[]> owned = new ConcurrentHashMap<>();

    public StandInApiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
        put("/api/v1/namespaces/payments", obj("v1", "Namespace", null, "payments", "{}"));
        put(
                "/api/v1/namespaces/payments/configmaps/settings",
                obj("v1", "ConfigMap", "payments", "settings", "{\"data\":{\"mode\":\"fast\"}}"));
        put(
                "/api/v1/namespaces/payments/secrets/db-credentials",
                obj("v1", "Secret", "payments", "db-credentials", "{\"data\":{\"password\":\"aHVudGVyMg==\"}}"));
        put(
                "/api/v1/namespaces/payments/pods/web-1",
                obj(
                        "v1",
                        "Pod",
                        "payments",
                        "web-1",
                        "{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx\"}]},"
                                + "\"status\":{\"phase\":\"Running\"}}"));
        put(
                "/apis/apps/v1/namespaces/payments/deployments/web",
                obj(
                        "apps/v1",
                        "Deployment",
                        "payments",
                        "web",
                        "{\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},"
                                + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},"
                                + "\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx\"}]}}}}"));
    }

    public static String obj(String apiVersion, String kind, String namespace, String name, String rest) {
        ObjectNode node = (ObjectNode) JSON.readTree(rest);
        node.put("apiVersion", apiVersion);
        node.put("kind", kind);
        ObjectNode meta = node.putObject("metadata");
        meta.put("name", name);
        if (namespace != null) meta.put("namespace", namespace);
        meta.put("resourceVersion", "1");
        return JSON.writeValueAsString(node);
    }

    public void put(String path, String json) {
        objects.put(path, json);
    }

    public void answerInstead(String path, String json) {
        overrides.put(path, json);
    }

    public void answerTruthfully() {
        overrides.clear();
        failures.clear();
    }

    /** Answers requests for {@code path} with {@code status} (a broken API server). */
    public void failWith(String path, int status) {
        failures.put(path, status);
    }

    /**
     * Makes {@code field} (e.g. {@code .spec.replicas}) of the object at {@code path} owned by
     * {@code manager}: a server-side apply without {@code force=true} is then refused as
     * kube-apiserver refuses it, 409 with a {@code FieldManagerConflict} cause.
     */
    public void ownedBy(String path, String manager, String field) {
        owned.put(path, new String[] {manager, field});
    }

    public String kubeconfig() {
        return """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "http://127.0.0.1:%d"}}]
                users: [{name: u, user: {token: t}}]
                contexts: [{name: c, context: {cluster: c, user: u}}]
                current-context: c
                """.formatted(server.getAddress().getPort());
    }

    /** "GET /api/v1/namespaces/payments/configmaps/settings", raw as received, query included. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** The requests other than discovery (which every cluster answers the same). */
    public List<String> objectRequests() {
        return requests().stream()
                .filter(r -> !r.matches("GET /apis?(/[^/?]+(/v1)?)?/?|GET /version"))
                .toList();
    }

    public void forget() {
        requests.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String raw = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        requests.add(exchange.getRequestMethod() + " " + raw + (query == null ? "" : "?" + query));
        byte[] body = exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            Integer failure = failures.get(path);
            if (failure != null) {
                send(
                        exchange,
                        failure,
                        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"etcd is"
                                + " unavailable\",\"code\":" + failure + "}");
                return;
            }
            String[] owner = owned.get(path);
            if (owner != null
                    && exchange.getRequestMethod().equals("PATCH")
                    && (query == null || !query.contains("force=true"))) {
                String conflict = "conflict with \\\"" + owner[0] + "\\\" using apps/v1";
                send(
                        exchange,
                        409,
                        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                                + "\"message\":\"Apply failed with 1 conflict: " + conflict + ": " + owner[1] + "\","
                                + "\"reason\":\"Conflict\",\"details\":{\"causes\":[{\"reason\":\"FieldManagerConflict\","
                                + "\"message\":\"" + conflict + "\",\"field\":\"" + owner[1] + "\"}]},\"code\":409}");
                return;
            }
            String override = overrides.get(path);
            if (override != null) {
                send(exchange, 200, override);
                return;
            }
            String discovery = discovery(path);
            if (discovery != null) {
                send(exchange, 200, discovery);
                return;
            }
            switch (exchange.getRequestMethod()) {
                case "GET" -> get(exchange, path);
                case "PATCH", "PUT", "POST" -> {
                    String stored = new String(body, StandardCharsets.UTF_8);
                    send(exchange, 200, stored.isBlank() ? objects.getOrDefault(path, "{}") : stored);
                }
                case "DELETE" -> {
                    if (objects.containsKey(path)) {
                        send(exchange, 200, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Success\"}");
                    } else {
                        notFound(exchange, path);
                    }
                }
                default -> notFound(exchange, path);
            }
        }
    }

    private void get(HttpExchange exchange, String path) throws IOException {
        if (path.endsWith("/log") && objects.containsKey(path.substring(0, path.length() - 4))) {
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            byte[] text = "line 1\nline 2\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, text.length);
            exchange.getResponseBody().write(text);
            return;
        }
        String object = objects.get(path);
        if (object != null) {
            send(exchange, 200, object);
            return;
        }
        String plural = path.substring(path.lastIndexOf('/') + 1);
        String kind = LIST_KINDS.get(plural);
        if (kind == null) {
            notFound(exchange, path);
            return;
        }
        // A collection: /api/v1/configmaps (all namespaces) or /api/v1/namespaces/x/configmaps.
        String group = path.startsWith("/api/") ? "/api/v1" : path.substring(0, path.indexOf("/v1") + 3);
        String namespace =
                path.contains("/namespaces/") ? path.split("/namespaces/")[1].split("/")[0] : null;
        List<Object> items = new ArrayList<>();
        for (var entry : objects.entrySet()) {
            String p = entry.getKey();
            boolean matches = namespace == null
                    ? p.startsWith(group + "/") && p.matches(".*/" + plural + "/[^/]+")
                    : p.startsWith(group + "/namespaces/" + namespace + "/" + plural + "/");
            if (!matches) continue;
            ObjectNode item = (ObjectNode) JSON.readTree(entry.getValue());
            item.remove("kind"); // as kube-apiserver answers a list
            item.remove("apiVersion");
            items.add(item);
        }
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("apiVersion", group.equals("/api/v1") ? "v1" : group.substring("/apis/".length()));
        list.put("kind", kind + "List");
        list.put("metadata", Map.of("resourceVersion", "7"));
        list.put("items", items);
        send(exchange, 200, JSON.writeValueAsString(list));
    }

    private static final Map<String, String> LIST_KINDS = Map.of(
            "configmaps", "ConfigMap",
            "secrets", "Secret",
            "pods", "Pod",
            "events", "Event",
            "deployments", "Deployment",
            "namespaces", "Namespace",
            "clusterroles", "ClusterRole");

    private static String discovery(String path) {
        return switch (path) {
            case "/api" -> "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"]}";
            case "/api/v1" ->
                resources(
                        "v1",
                        "configmaps:ConfigMap:true",
                        "secrets:Secret:true",
                        "pods:Pod:true",
                        "pods/log:Pod:true",
                        "events:Event:true",
                        "namespaces:Namespace:false");
            case "/apis" ->
                "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":["
                        + group("apps")
                        + ","
                        + group("rbac.authorization.k8s.io")
                        + "]}";
            case "/apis/apps/v1" -> resources("apps/v1", "deployments:Deployment:true", "deployments/scale:Scale:true");
            case "/apis/rbac.authorization.k8s.io/v1" ->
                resources("rbac.authorization.k8s.io/v1", "clusterroles:ClusterRole:false");
            default -> null;
        };
    }

    private static String group(String name) {
        return "{\"name\":\"" + name + "\",\"versions\":[{\"groupVersion\":\"" + name
                + "/v1\",\"version\":\"v1\"}],\"preferredVersion\":{\"groupVersion\":\"" + name
                + "/v1\",\"version\":\"v1\"}}";
    }

    private static String resources(String groupVersion, String... specs) {
        List<String> items = new ArrayList<>();
        for (String spec : specs) {
            String[] p = spec.split(":");
            items.add("{\"name\":\"" + p[0] + "\",\"singularName\":\"\",\"namespaced\":" + p[2] + ",\"kind\":\"" + p[1]
                    + "\",\"verbs\":[\"create\",\"delete\",\"get\",\"list\",\"patch\",\"update\",\"watch\"]}");
        }
        return "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\"" + groupVersion
                + "\",\"resources\":[" + String.join(",", items) + "]}";
    }

    private static void notFound(HttpExchange exchange, String path) throws IOException {
        send(
                exchange,
                404,
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"the server could not"
                        + " find the requested resource\",\"reason\":\"NotFound\",\"code\":404}");
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
