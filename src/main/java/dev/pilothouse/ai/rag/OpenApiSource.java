package dev.pilothouse.ai.rag;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A cluster's OpenAPI v3 documents ({@code /openapi/v3}, one per group-version): each kind and
 * each schema it uses becomes a document whose chunks list the fields with their descriptions,
 * headed by the field paths that lead to it from a kind (e.g. {@code Deployment.spec.template.spec}).
 * A schema shared by several group-versions (ObjectMeta, PodSpec) is indexed once per cluster.
 */
final class OpenApiSource extends ClusterSource {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_USES = 3;
    /** Fields every kind has, described the same way everywhere: indexed once, with ObjectMeta. */
    private static final Set<String> BOILERPLATE = Set.of("apiVersion", "kind", "metadata");

    public OpenApiSource(String cluster, Supplier<KubernetesClient> client) {
        super(SourceType.OPENAPI, cluster, client);
    }

    @Override
    public Listing list() {
        KubernetesClient c = client();
        String base = c.getMasterUrl().toString().replaceAll("/+$", "");
        String discovery = get(c, base + "/openapi/v3");
        if (discovery == null)
            return new Listing(List.of(), "The cluster does not serve /openapi/v3 (Kubernetes 1.27 or newer does).");
        JsonNode paths = JSON.readTree(discovery).path("paths");
        if (paths.isEmpty()) return new Listing(List.of(), "The cluster's /openapi/v3 lists no documents.");
        var docs = new ArrayList<SourceDocument>();
        Set<String> seen = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            String url = path.getValue().path("serverRelativeURL").asString("");
            if (url.isEmpty()) continue;
            String body = get(c, base + url);
            if (body == null) continue;
            docs.addAll(documents(cluster(), path.getKey(), JSON.readTree(body), seen));
        }
        return Listing.of(docs);
    }

    private static String get(KubernetesClient c, String url) {
        try {
            return c.raw(url);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) return null;
            throw e;
        }
    }

    /**
     * The documents of one group-version's OpenAPI document.
     *
     * @param groupVersion the discovery key, e.g. {@code apis/apps/v1}
     * @param seen schema names already indexed from another group-version (updated)
     */
    static List<SourceDocument> documents(String cluster, String groupVersion, JsonNode openapi, Set<String> seen) {
        JsonNode schemas = openapi.path("components").path("schemas");
        Function<String, JsonNode> resolve = ref -> schemas.path(ref.substring(ref.lastIndexOf('/') + 1));
        String gv = groupVersion.replaceFirst("^apis/", "").replaceFirst("^api/", "");
        // Kinds of this group-version, then every schema they reach, each with the paths that reach it.
        Map<String, List<String>> uses = new LinkedHashMap<>();
        Map<String, String> kindTitles = new LinkedHashMap<>();
        var queue = new ArrayDeque<String>();
        for (Map.Entry<String, JsonNode> e : schemas.properties()) {
            JsonNode gvk = e.getValue().path("x-kubernetes-group-version-kind");
            if (gvk.isEmpty() || e.getKey().startsWith("io.k8s.apimachinery")) continue;
            JsonNode first = gvk.get(0);
            String kind = first.path("kind").asString();
            String group = first.path("group").asString("");
            String apiVersion = group.isEmpty()
                    ? first.path("version").asString()
                    : group + "/" + first.path("version").asString();
            if (kind.endsWith("List") || !apiVersion.equals(gv)) continue;
            kindTitles.put(e.getKey(), kind + " (" + apiVersion + ")");
            uses.put(e.getKey(), new ArrayList<>(List.of(kind)));
            queue.add(e.getKey());
        }
        while (!queue.isEmpty()) {
            String name = queue.poll();
            String at = uses.get(name).getFirst();
            for (SchemaFields.Field f : SchemaFields.flatten(schemas.path(name), resolve, 2)) {
                JsonNode field = fieldNode(schemas.path(name), f.path());
                String ref = field == null ? null : innerRef(field);
                if (ref == null) continue;
                String target = ref.substring(ref.lastIndexOf('/') + 1);
                String use =
                        at + "." + f.path() + (field.path("type").asString("").equals("array") ? "[]" : "");
                if (!uses.containsKey(target)) {
                    uses.put(target, new ArrayList<>(List.of(use)));
                    queue.add(target);
                } else if (uses.get(target).size() < MAX_USES && !kindTitles.containsKey(target)) {
                    uses.get(target).add(use);
                }
            }
        }
        var docs = new ArrayList<SourceDocument>();
        for (Map.Entry<String, List<String>> e : uses.entrySet()) {
            String name = e.getKey();
            if (!seen.add(name)) continue;
            JsonNode schema = schemas.path(name);
            var fields = SchemaFields.flatten(schema, resolve, 2).stream()
                    .filter(f -> !kindTitles.containsKey(name) || !BOILERPLATE.contains(f.path()))
                    .toList();
            String shortName = name.substring(name.lastIndexOf('.') + 1);
            String kindTitle = kindTitles.get(name);
            String title = kindTitle != null ? kindTitle : shortName;
            String location = "/openapi/v3/" + groupVersion + "#" + name;
            String description = SchemaFields.description(schema);
            String header = (kindTitle != null
                            ? "Kubernetes kind " + kindTitle
                            : "Schema " + shortName + " (" + name + "), used at " + String.join(", ", e.getValue()))
                    + (description.isBlank() ? "" : ": " + description);
            var chunks = new ArrayList<Chunk>();
            if (fields.isEmpty() || Chunk.words(header) > MarkdownChunker.TARGET_WORDS / 2) {
                for (String piece : MarkdownChunker.split(header))
                    chunks.add(new Chunk(title, "Overview", location, piece));
                header = kindTitle != null
                        ? kindTitle + " fields:"
                        : shortName + " fields (at " + e.getValue().getFirst() + "):";
            }
            chunks.addAll(SchemaFields.chunks(title, header, location, fields));
            String about = description;
            if (!chunks.isEmpty())
                docs.add(new SourceDocument(
                        cluster + ":" + name,
                        cluster,
                        description.isBlank()
                                ? chunks
                                : chunks.stream()
                                        .map(c -> c.withDescription(about))
                                        .toList()));
        }
        return docs;
    }

    private static JsonNode fieldNode(JsonNode schema, String path) {
        JsonNode node = schema;
        for (String part : path.split("\\.")) {
            node = node.path("properties").path(part);
            while ("array".equals(node.path("type").asString("")) && node.has("items")) node = node.get("items");
            if (node.isMissingNode()) return null;
        }
        return node;
    }

    private static String innerRef(JsonNode field) {
        JsonNode inner = field;
        if (inner.path("additionalProperties").isObject()) inner = inner.get("additionalProperties");
        while ("array".equals(inner.path("type").asString("")) && inner.has("items")) inner = inner.get("items");
        String ref = SchemaFields.ref(inner);
        return ref != null && ref.startsWith("#/components/schemas/") ? ref : null;
    }
}
