package dev.pilothouse.ai.rag;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A cluster's CustomResourceDefinitions: per served version, an overview chunk (kind, scope,
 * names, description, printer columns, examples from annotations) and the schema's fields by path.
 */
final class CrdSource extends ClusterSource {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_DEPTH = 8;

    public CrdSource(String cluster, Supplier<KubernetesClient> client) {
        super(SourceType.CRD, cluster, client);
    }

    @Override
    public Listing list() {
        KubernetesClient c = client();
        var docs = new ArrayList<SourceDocument>();
        for (CustomResourceDefinition crd :
                c.apiextensions().v1().customResourceDefinitions().list().getItems()) {
            JsonNode node = JSON.readTree(c.getKubernetesSerialization().asJson(crd));
            docs.addAll(documents(cluster(), node));
        }
        return Listing.of(docs);
    }

    /** One document per served version of one CRD (given as JSON). */
    static List<SourceDocument> documents(String cluster, JsonNode crd) {
        JsonNode spec = crd.path("spec");
        String name = crd.path("metadata").path("name").asString();
        String group = spec.path("group").asString();
        String kind = spec.path("names").path("kind").asString();
        var docs = new ArrayList<SourceDocument>();
        for (JsonNode version : spec.path("versions")) {
            if (!version.path("served").asBoolean(true)) continue;
            String v = version.path("name").asString();
            String apiVersion = group + "/" + v;
            String title = kind + " (" + apiVersion + ")";
            String location = "/apis/" + apiVersion + " (CRD " + name + ")";
            JsonNode schema = version.path("schema").path("openAPIV3Schema");
            var chunks = new ArrayList<Chunk>();
            var overview = new StringBuilder()
                    .append(kind)
                    .append(" is a custom resource (CRD ")
                    .append(name)
                    .append(") in API group ")
                    .append(group)
                    .append(", version ")
                    .append(v)
                    .append(", ")
                    .append(spec.path("scope").asString("Namespaced").toLowerCase())
                    .append(". Plural: ")
                    .append(spec.path("names").path("plural").asString());
            JsonNode shortNames = spec.path("names").path("shortNames");
            if (!shortNames.isEmpty()) overview.append("; short names: ").append(join(shortNames));
            JsonNode categories = spec.path("names").path("categories");
            if (!categories.isEmpty()) overview.append("; categories: ").append(join(categories));
            overview.append(".");
            String description = SchemaFields.description(schema);
            if (!description.isBlank()) overview.append("\n").append(description);
            JsonNode columns = version.path("additionalPrinterColumns");
            if (!columns.isEmpty()) {
                overview.append("\nPrinter columns (kubectl get):");
                for (JsonNode col : columns) {
                    overview.append("\n- ")
                            .append(col.path("name").asString())
                            .append(" (`")
                            .append(col.path("jsonPath").asString())
                            .append("`, ")
                            .append(col.path("type").asString())
                            .append(")");
                    String d = col.path("description").asString("");
                    if (!d.isBlank()) overview.append(": ").append(d.replaceAll("\\s+", " "));
                }
            }
            for (String piece : MarkdownChunker.split(overview.toString()))
                chunks.add(new Chunk(title, "Overview", location, piece));
            for (Map.Entry<String, JsonNode> a :
                    crd.path("metadata").path("annotations").properties()) {
                if (a.getKey().endsWith("alm-examples") || a.getKey().endsWith("/example")) {
                    for (String piece :
                            MarkdownChunker.split("Example:\n" + a.getValue().asString())) {
                        chunks.add(new Chunk(title, "Example", location, piece));
                    }
                }
            }
            var fields = SchemaFields.flatten(schema, null, MAX_DEPTH).stream()
                    .filter(f -> !f.path().equals("apiVersion")
                            && !f.path().equals("kind")
                            && !f.path().equals("metadata"))
                    .toList();
            chunks.addAll(SchemaFields.chunks(title, kind + " (" + apiVersion + ") fields:", location, fields));
            String about = description;
            docs.add(new SourceDocument(
                    cluster + ":" + name + "@" + v,
                    cluster,
                    description.isBlank()
                            ? chunks
                            : chunks.stream().map(c -> c.withDescription(about)).toList()));
        }
        return docs;
    }

    private static String join(JsonNode array) {
        var out = new ArrayList<String>();
        array.forEach(n -> out.add(n.asString()));
        return String.join(", ", out);
    }
}
