package dev.pilothouse.ai.tools;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.pilothouse.ai.provider.Tool;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A model's arguments, checked against the schema it was offered (types, ranges, required and
 * unknown fields) and then against what Kubernetes accepts as a name, before any of it reaches the
 * resource services. A model can be prompt-injected: its arguments are input like any other.
 */
final class ToolArguments {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    /** RFC 1123 label: what a namespace (and a cluster name here) must be. */
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    /** What can be a path segment of an object's URL without changing the path. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.:@]{0,251}[A-Za-z0-9])?");

    private static final Pattern KIND = Pattern.compile("[A-Za-z][A-Za-z0-9.-]{0,252}");

    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    /** Parsed and valid arguments. */
    record Args(Map<String, Object> values) {
        String str(String name) {
            Object v = values.get(name);
            return v == null || v.toString().isBlank() ? null : v.toString().strip();
        }

        Integer integer(String name) {
            return values.get(name) instanceof Number n ? n.intValue() : null;
        }

        boolean bool(String name) {
            return Boolean.TRUE.equals(values.get(name));
        }
    }

    /** @throws ToolFailure invalid_arguments, with one sentence the model can act on */
    Args parse(Tool tool, String arguments) {
        JsonNode node;
        try {
            node = JSON.readTree(arguments == null || arguments.isBlank() ? "{}" : arguments);
        } catch (JacksonException e) {
            throw invalid(tool, "they are not valid JSON (" + Maps.oneLine(e.getOriginalMessage(), 120) + ")");
        }
        if (node == null || !node.isObject()) {
            throw invalid(tool, "they must be a JSON object");
        }
        Schema schema =
                compiled.computeIfAbsent(tool.name(), n -> SCHEMAS.getSchema(JSON.valueToTree(tool.parameters())));
        List<Error> errors = schema.validate(node);
        if (!errors.isEmpty()) {
            throw invalid(
                    tool, errors.stream().limit(3).map(ToolArguments::describe).collect(Collectors.joining("; ")));
        }
        Map<String, Object> values = JSON.convertValue(node, MAP);
        Args args = new Args(values);
        checkNames(tool, args);
        return args;
    }

    private static String describe(Error error) {
        String where = error.getInstanceLocation() == null
                ? ""
                : error.getInstanceLocation().toString();
        String message = error.getMessage();
        if (message.startsWith(where))
            message = message.substring(where.length()).strip();
        String field = where.replaceFirst("^\\$\\.?", "");
        Object got = error.getInstanceNode() == null || error.getInstanceNode().isContainer()
                ? null
                : error.getInstanceNode();
        return (field.isEmpty() ? "" : field + " ")
                + message.replaceFirst("^:\\s*", "")
                + (got == null ? "" : " (got " + Maps.oneLine(got.toString(), 60) + ")");
    }

    private static void checkNames(Tool tool, Args args) {
        for (String field : List.of("namespace", "cluster")) {
            String value = args.str(field);
            if (value != null && !LABEL.matcher(value).matches()) {
                throw invalid(
                        tool,
                        field + " '" + Maps.oneLine(value, 80)
                                + "' is not a valid name (lowercase letters, digits and '-', at most 63)");
            }
        }
        for (String field : List.of("name", "pod", "container")) {
            String value = args.str(field);
            if (value != null && (!NAME.matcher(value).matches() || value.contains(".."))) {
                throw invalid(tool, field + " '" + Maps.oneLine(value, 80) + "' is not a valid Kubernetes name");
            }
        }
        String kind = args.str("kind");
        if (kind != null && !KIND.matcher(kind).matches()) {
            throw invalid(tool, "kind '" + Maps.oneLine(kind, 80) + "' is not a kind name (e.g. pods, Deployment)");
        }
    }

    private static ToolFailure invalid(Tool tool, String why) {
        return new ToolFailure(
                "invalid_arguments",
                "The arguments for " + tool.name() + " were rejected: " + why + ". Correct them and call it again.");
    }
}
