package dev.pilothouse.cluster.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Iterator;
import java.util.Map;

/**
 * The writes fabric8's CRUD store does not know: {@code dryRun=All}, which answers as the real
 * call would and stores nothing, and server-side apply, as create-or-merge (what the dashboard
 * needs of it).
 */
final class DemoWrites {

    static final String APPLY_PATCH = "application/apply-patch+yaml";

    private final DemoStore store;
    private final ObjectMapper json = DemoStore.JSON;
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    DemoWrites(DemoStore store) {
        this.store = store;
    }

    static boolean isApply(RecordedRequest request) {
        String contentType = request.getHeader("Content-Type");
        return contentType != null && contentType.startsWith(APPLY_PATCH);
    }

    MockResponse dryRun(RecordedRequest request, String path) throws Exception {
        JsonNode existing = request.getMethod().equals("POST") ? null : store.read(path);
        return switch (request.getMethod()) {
            case "DELETE" -> existing == null ? store.notFound(path) : store.ok(existing);
            case "POST", "PUT" -> store.ok(json.readTree(request.getUtf8Body()));
            case "PATCH" -> {
                JsonNode patch =
                        isApply(request) ? yaml.readTree(request.getUtf8Body()) : json.readTree(request.getUtf8Body());
                if (patch.isArray()) {
                    yield store.status(
                            415,
                            "UnsupportedMediaType",
                            "the demo cluster supports dry runs of merge patches and apply");
                }
                if (existing == null) {
                    yield isApply(request) ? store.ok(patch) : store.notFound(path);
                }
                yield store.ok(mergePatch(existing.deepCopy(), patch));
            }
            default -> store.dispatch(request);
        };
    }

    /** Server-side apply, simplified: create when absent, else merge the applied fields in. */
    MockResponse apply(RecordedRequest request, String path) throws Exception {
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
}
