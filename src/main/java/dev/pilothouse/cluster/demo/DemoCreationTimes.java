package dev.pilothouse.cluster.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CRUD store stamps every object with the time it was stored; the scenario's objects are
 * meant to look days or weeks old. The creation time sent with an object is remembered (by uid)
 * and put back into what is read.
 */
final class DemoCreationTimes {

    private final ObjectMapper json = DemoStore.JSON;
    private final Map<String, String> byUid = new ConcurrentHashMap<>();

    /** @param sent the body of the create, {@code created} the store's answer to it */
    MockResponse remember(String sent, MockResponse created) throws Exception {
        String wanted =
                json.readTree(sent).path("metadata").path("creationTimestamp").asText("");
        if (wanted.isEmpty()) return created;
        String body = created.getBody().readUtf8();
        ObjectNode stored = (ObjectNode) json.readTree(body);
        byUid.put(stored.path("metadata").path("uid").asText(), wanted);
        ((ObjectNode) stored.path("metadata")).put("creationTimestamp", wanted);
        return DemoStore.jsonResponse(created.code(), json.writeValueAsString(stored));
    }

    /** The response to a read (one object or a list) with the remembered times put back. */
    MockResponse restore(MockResponse response) throws Exception {
        if (byUid.isEmpty() || response.code() != 200) return response;
        String body = response.getBody().readUtf8();
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (Exception notJson) {
            return DemoStore.jsonResponse(200, body);
        }
        if (node.has("items")) {
            node.path("items").forEach(this::restoreOne);
        } else {
            restoreOne(node);
        }
        return DemoStore.jsonResponse(200, json.writeValueAsString(node));
    }

    private void restoreOne(JsonNode object) {
        String wanted = byUid.get(object.path("metadata").path("uid").asText());
        if (wanted != null) ((ObjectNode) object.path("metadata")).put("creationTimestamp", wanted);
    }
}
