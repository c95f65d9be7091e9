package dev.pilothouse.ai.rag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Turns an OpenAPI / JSON schema into one line per field ({@code spec.tls.secretName (string): …}),
 * then packs the lines into chunks grouped by their top-level field, so a chunk answers
 * "what does this field do" for a few neighbouring fields.
 */
final class SchemaFields {

    /** Longer descriptions are cut: one field should not fill a chunk on its own. */
    static final int MAX_DESCRIPTION_WORDS = 120;

    record Field(String path, String type, String description) {
        String line() {
            return "`" + path + "` (" + type + ")" + (description.isBlank() ? "" : ": " + description);
        }

        String group() {
            int dot = path.indexOf('.');
            String first = dot < 0 ? path : path.substring(0, dot);
            if (dot < 0) return first;
            String rest = path.substring(dot + 1);
            int next = rest.indexOf('.');
            return first + "." + (next < 0 ? rest : rest.substring(0, next));
        }
    }

    private SchemaFields() {}

    /**
     * Every field under {@code schema}, depth first.
     *
     * @param resolve finds the schema a {@code $ref} names (null: inline schemas only)
     * @param maxDepth how deep to follow nested objects; referenced schemas are not followed (they are chunked on their own)
     */
    static List<Field> flatten(JsonNode schema, Function<String, JsonNode> resolve, int maxDepth) {
        var out = new ArrayList<Field>();
        walk(
                schema,
                "",
                resolve,
                maxDepth,
                out,
                java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
        return out;
    }

    private static void walk(
            JsonNode schema,
            String prefix,
            Function<String, JsonNode> resolve,
            int depth,
            List<Field> out,
            Set<JsonNode> seen) {
        if (schema == null || depth <= 0 || !seen.add(schema)) return;
        JsonNode props = schema.path("properties");
        for (Map.Entry<String, JsonNode> e : props.properties()) {
            String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            JsonNode field = e.getValue();
            out.add(new Field(path, type(field), description(field)));
            JsonNode inner = field;
            String innerPath = path;
            while ("array".equals(inner.path("type").asString("")) && inner.has("items")) {
                inner = inner.get("items");
                innerPath = innerPath + "[]";
            }
            if (inner.path("additionalProperties").isObject()
                    && inner.path("additionalProperties").has("properties")) {
                inner = inner.get("additionalProperties");
                innerPath = innerPath + ".*";
            }
            if (ref(inner) == null) walk(inner, innerPath, resolve, depth - 1, out, seen);
        }
        seen.remove(schema);
    }

    static String ref(JsonNode schema) {
        if (schema.has("$ref")) return schema.get("$ref").asString();
        JsonNode allOf = schema.path("allOf");
        if (allOf.isArray() && !allOf.isEmpty() && allOf.get(0).has("$ref"))
            return allOf.get(0).get("$ref").asString();
        return null;
    }

    static String type(JsonNode field) {
        String ref = ref(field);
        if (ref != null) return shortName(ref);
        String type = field.path("type").asString("");
        if ("array".equals(type)) return "[]" + type(field.path("items"));
        if ("object".equals(type) && field.path("additionalProperties").isObject()) {
            return "map[string]" + type(field.get("additionalProperties"));
        }
        if (field.path("x-kubernetes-int-or-string").asBoolean(false)) return "int-or-string";
        String format = field.path("format").asString("");
        if (type.isEmpty()) return "object";
        return format.isEmpty() ? type : type + " (" + format + ")";
    }

    static String shortName(String ref) {
        String name = ref.substring(ref.lastIndexOf('/') + 1);
        return name.substring(name.lastIndexOf('.') + 1);
    }

    static String description(JsonNode field) {
        String d = field.path("description").asString("");
        if (d.isBlank() && ref(field) != null && field.has("allOf"))
            d = field.path("allOf").get(0).path("description").asString("");
        d = d.replaceAll("\\s+", " ").strip();
        String[] words = d.split(" ");
        return words.length <= MAX_DESCRIPTION_WORDS
                ? d
                : String.join(" ", java.util.Arrays.copyOf(words, MAX_DESCRIPTION_WORDS)) + " …";
    }

    /**
     * Packs field lines into chunks of about TARGET_WORDS, starting a new chunk when the field
     * group changes and the current one is already half full.
     *
     * @param header a line or two repeated at the top of every chunk, e.g. "Certificate (cert-manager.io/v1): spec fields"
     */
    static List<Chunk> chunks(String title, String header, String location, List<Field> fields) {
        var chunks = new ArrayList<Chunk>();
        var text = new StringBuilder();
        int words = 0;
        String group = null;
        String firstGroup = null;
        int headerWords = Chunk.words(header);
        for (Field f : fields) {
            String line = f.line();
            int w = Chunk.words(line);
            boolean newGroup = group != null && !group.equals(f.group());
            if (words > 0
                    && (words + w > MarkdownChunker.TARGET_WORDS - headerWords
                            || newGroup && words > MarkdownChunker.TARGET_WORDS / 2)) {
                chunks.add(new Chunk(
                        title,
                        firstGroup,
                        location,
                        header + "\n" + text.toString().strip()));
                text.setLength(0);
                words = 0;
                firstGroup = null;
            }
            if (firstGroup == null) firstGroup = f.group();
            group = f.group();
            text.append("- ").append(line).append('\n');
            words += w;
        }
        if (words > 0)
            chunks.add(new Chunk(
                    title, firstGroup, location, header + "\n" + text.toString().strip()));
        return chunks;
    }
}
