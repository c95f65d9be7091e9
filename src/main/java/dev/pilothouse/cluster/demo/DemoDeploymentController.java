package dev.pilothouse.cluster.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import java.util.List;

/**
 * A very small Deployment controller, so scaling in the demo shows: pods follow the Deployment's
 * replicas and its status follows the pods.
 */
final class DemoDeploymentController {

    private final DemoStore store;
    private final ObjectMapper json = DemoStore.JSON;

    DemoDeploymentController(DemoStore store) {
        this.store = store;
    }

    /**
     * A very small Deployment controller, so scaling in the demo shows: pods are cloned from an
     * existing one (a crashing pod clones as crashing) or the newest are removed until the count
     * matches, and the Deployment's status follows.
     */
    void reconcile(String namespace, String name) throws Exception {
        String deploymentPath = "/apis/apps/v1/namespaces/" + namespace + "/deployments/" + name;
        JsonNode deployment = store.read(deploymentPath);
        if (deployment == null) return;
        int wanted = deployment.path("spec").path("replicas").asInt(1);
        List<JsonNode> pods = new java.util.ArrayList<>();
        for (JsonNode pod :
                store.read("/api/v1/namespaces/" + namespace + "/pods").path("items")) {
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
            store.dispatch(DemoStore.forward(HttpMethod.POST, podsPath, json.writeValueAsString(clone)));
            pods.add(clone);
        }
        while (pods.size() > wanted) {
            JsonNode newest = pods.removeLast();
            store.dispatch(DemoStore.forward(
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
        store.dispatch(DemoStore.forward(HttpMethod.PUT, deploymentPath, json.writeValueAsString(updated)));
    }
}
