package dev.pilothouse.resource;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.pilothouse.platform.ApiException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The YAML of an apply read as Kubernetes objects, with answers a person understands: the line of
 * a syntax error, no Java class names, a self-referencing alias refused instead of overflowing the
 * stack, and at most {@code max} documents.
 */
final class ApplyDocuments {

    private ApplyDocuments() {}

    private static final Pattern SEPARATOR = Pattern.compile("(?m)^---");
    private static final Pattern CLASS_NAME =
            Pattern.compile("`?(?:io\\.fabric8|java|com\\.fasterxml|tools\\.jackson|dev\\.pilothouse)\\.[\\w.$]+`?");

    static List<HasMetadata> read(KubernetesClient client, String yaml, int max) {
        if (yaml == null || yaml.isBlank()) {
            throw new ApiException.InvalidField("invalid_yaml", "yaml", "yaml is required: paste one or more objects.");
        }
        // Counted before parsing, so a request with thousands of documents costs nothing more.
        long separators = SEPARATOR.matcher(yaml).results().count();
        if (separators + 1 > max + 1L) {
            throw tooMany(max);
        }
        List<HasMetadata> objects;
        try {
            objects = client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
                    .items();
        } catch (StackOverflowError e) {
            throw ApiException.badRequest(
                    "invalid_yaml",
                    "The YAML refers to itself: an alias (*name) is used inside its own anchor (&name). Write the"
                            + " value out instead.");
        } catch (RuntimeException e) {
            throw ApiException.badRequest(
                    "invalid_yaml", "The YAML could not be read as Kubernetes objects" + describe(e));
        }
        if (objects == null || objects.isEmpty() || objects.stream().allMatch(o -> o == null)) {
            throw ApiException.badRequest("invalid_yaml", "The YAML holds no Kubernetes object.");
        }
        if (objects.size() > max) {
            throw tooMany(max);
        }
        for (int i = 0; i < objects.size(); i++) {
            if (objects.get(i) == null) {
                throw ApiException.badRequest("invalid_yaml", "Document " + (i + 1) + " is empty.");
            }
        }
        return objects;
    }

    private static ApiException tooMany(int max) {
        return ApiException.badRequest(
                "too_many_documents",
                "One apply takes at most " + max + " documents; split the YAML into several applies.");
    }

    private static final Pattern LINE = Pattern.compile("line (\\d+), column (\\d+)");

    /** ": <first line of the problem> (line L, column C)", without the parser's class names. */
    static String describe(Throwable e) {
        String where = "";
        Throwable innermost = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            innermost = t;
            if (where.isEmpty()) {
                if (t instanceof JsonProcessingException json
                        && json.getLocation() != null
                        && json.getLocation().getLineNr() > 0) {
                    where = " (line %d, column %d)"
                            .formatted(
                                    json.getLocation().getLineNr(),
                                    json.getLocation().getColumnNr());
                } else if (t.getMessage() != null) {
                    // SnakeYAML says where in the text of its message ("in 'reader', line 4, column 9").
                    var m = LINE.matcher(t.getMessage());
                    if (m.find()) where = " (line %s, column %s)".formatted(m.group(1), m.group(2));
                }
            }
        }
        String message =
                innermost instanceof JsonProcessingException json ? json.getOriginalMessage() : innermost.getMessage();
        if (message == null) message = "it is not valid YAML";
        String first = message.lines().findFirst().orElse(message).strip();
        first = CLASS_NAME.matcher(first).replaceAll("object");
        if (first.contains("Cannot construct instance of")
                || first.contains("no delegate- or property-based Creator")) {
            first = "a document is not an object with apiVersion, kind and metadata";
        }
        return ": " + first + where + ".";
    }
}
