package dev.pilothouse.cluster.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import java.time.Instant;
import java.util.Map;

/** metrics.k8s.io for the demo, made up from the stored pods and nodes (stable per name). */
final class DemoMetrics {

    private final DemoStore store;
    private final ObjectMapper json = DemoStore.JSON;

    DemoMetrics(DemoStore store) {
        this.store = store;
    }

    MockResponse pods(String namespace, String name) throws Exception {
        JsonNode pods = store.read(namespace == null ? "/api/v1/pods" : "/api/v1/namespaces/" + namespace + "/pods");
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
                    ? store.status(404, "NotFound", "podmetrics \"" + name + "\" not found")
                    : store.ok(items.get(0));
        }
        return store.ok(Map.of("kind", "PodMetricsList", "apiVersion", "metrics.k8s.io/v1beta1", "items", items));
    }

    MockResponse nodes(String name) throws Exception {
        JsonNode nodes = store.read("/api/v1/nodes");
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
                    ? store.status(404, "NotFound", "nodemetrics \"" + name + "\" not found")
                    : store.ok(items.get(0));
        }
        return store.ok(Map.of("kind", "NodeMetricsList", "apiVersion", "metrics.k8s.io/v1beta1", "items", items));
    }
}
