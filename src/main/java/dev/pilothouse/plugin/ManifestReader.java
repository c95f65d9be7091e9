package dev.pilothouse.plugin;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Turns one manifest file into a {@link Plugin}, or into every problem found in it, each naming
 * the field by its path. Strict on purpose: an unknown field is an error, because a misspelt
 * {@code colums} would otherwise just make the columns vanish without a word.
 */
final class ManifestReader {

    sealed interface Result permits Valid, Invalid {}

    record Valid(Plugin plugin) implements Result {}

    record Invalid(List<PluginProblem> problems) implements Result {}

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    // semver.org's own expression.
    static final Pattern SEMVER = Pattern.compile("(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(-((0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
            + "(\\+([0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*))?");
    private static final Pattern GROUP =
            Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+");
    private static final Pattern API_VERSION = Pattern.compile("v[1-9]\\d*((alpha|beta)[1-9]\\d*)?");
    private static final Pattern KIND = Pattern.compile("[A-Z][A-Za-z0-9]{0,62}");
    private static final Pattern PLURAL = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    private static final Pattern URL = Pattern.compile("https?://\\S+");

    private static final Set<String> TOP =
            Set.of("name", "version", "description", "documentation", "homepage", "kinds");
    private static final Set<String> KIND_FIELDS =
            Set.of("group", "version", "kind", "plural", "scope", "description", "columns");
    private static final Set<String> COLUMN_FIELDS = Set.of("name", "jsonPath", "type", "description");

    private final String file;
    private final List<PluginProblem> problems = new ArrayList<>();

    private ManifestReader(String file) {
        this.file = file;
    }

    static Result read(String file, String yaml) {
        return new ManifestReader(file).parse(yaml);
    }

    private Result parse(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            var where = e.getLocation();
            String line = where == null || where.getLineNr() < 1
                    ? ""
                    : " (line %d, column %d)".formatted(where.getLineNr(), where.getColumnNr());
            return new Invalid(List.of(
                    new PluginProblem(file, null, "not valid YAML" + line + ": " + firstLine(e.getOriginalMessage()))));
        }
        if (root == null || !root.isObject()) {
            return new Invalid(List.of(new PluginProblem(
                    file,
                    null,
                    "a manifest is a YAML mapping with name, version, description, documentation and kinds")));
        }
        unknownFields(root, "", TOP);
        String name =
                text(root, "name", true, NAME, "use 1 to 63 lowercase letters, digits and '-', e.g. cert-manager");
        String version = text(
                root,
                "version",
                true,
                SEMVER,
                "use a semantic version such as 1.0.0 (quoted if YAML reads it as a number)");
        String description = text(root, "description", true, null, null);
        String documentation = text(root, "documentation", true, null, null);
        String homepage = text(root, "homepage", false, URL, "use an http or https URL");
        List<Plugin.Kind> kinds = kinds(root.get("kinds"));
        if (!problems.isEmpty()) return new Invalid(List.copyOf(problems));
        return new Valid(new Plugin(name, version, description.strip(), documentation, homepage, kinds, file));
    }

    private List<Plugin.Kind> kinds(JsonNode node) {
        List<Plugin.Kind> kinds = new ArrayList<>();
        if (!nonEmptyList(node, "kinds")) return kinds;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String at = "kinds[" + i + "].";
            JsonNode k = node.get(i);
            if (!k.isObject()) {
                problem("kinds[" + i + "]", "must be a mapping with group, version, kind, plural and columns");
                continue;
            }
            unknownFields(k, at, KIND_FIELDS);
            String group = text(k, at + "group", true, GROUP, "use the CRD's API group, e.g. cert-manager.io");
            String version =
                    text(k, at + "version", true, API_VERSION, "use a Kubernetes API version such as v1 or v1alpha1");
            String kind = text(k, at + "kind", true, KIND, "use the CRD's kind in PascalCase, e.g. Certificate");
            String plural = text(k, at + "plural", true, PLURAL, "use the CRD's lowercase plural, e.g. certificates");
            String scopeText =
                    text(k, at + "scope", false, Pattern.compile("Namespaced|Cluster"), "use Namespaced or Cluster");
            String description = text(k, at + "description", false, null, null);
            List<Plugin.Column> columns = columns(k.get("columns"), at + "columns");
            if (group != null && kind != null && !seen.add(group + "/" + kind)) {
                problem(at + "kind", kind + " of " + group + " is listed twice");
            }
            Plugin.Scope scope = scopeText == null ? Plugin.Scope.Namespaced : Plugin.Scope.valueOf(scopeText);
            kinds.add(new Plugin.Kind(group, version, kind, plural, scope, description, columns));
        }
        return kinds;
    }

    private List<Plugin.Column> columns(JsonNode node, String field) {
        List<Plugin.Column> columns = new ArrayList<>();
        if (!nonEmptyList(node, field)) return columns;
        Set<String> names = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String at = field + "[" + i + "].";
            JsonNode c = node.get(i);
            if (!c.isObject()) {
                problem(field + "[" + i + "]", "must be a mapping with name and jsonPath");
                continue;
            }
            unknownFields(c, at, COLUMN_FIELDS);
            String name = text(c, at + "name", true, null, null);
            String path = text(c, at + "jsonPath", true, null, null);
            if (path != null) JsonPathSyntax.problem(path).ifPresent(why -> problem(at + "jsonPath", why));
            String type = text(
                    c,
                    at + "type",
                    false,
                    Pattern.compile("string|number|integer|boolean|date"),
                    "use one of string, number, integer, boolean, date");
            String description = text(c, at + "description", false, null, null);
            if (name != null && !names.add(name)) problem(at + "name", "column '" + name + "' appears twice");
            columns.add(new Plugin.Column(
                    name,
                    path,
                    type == null ? Plugin.ColumnType.STRING : Plugin.ColumnType.valueOf(type.toUpperCase()),
                    description));
        }
        return columns;
    }

    /** A string field, checked against {@code shape} when given. Field paths are absolute. */
    private String text(JsonNode parent, String field, boolean required, Pattern shape, String hint) {
        JsonNode node = parent.get(field.substring(field.lastIndexOf('.') + 1));
        if (node == null || node.isNull()) {
            if (required) problem(field, "is required");
            return null;
        }
        if (!node.isString()) {
            problem(field, "must be a string" + (node.isNumber() ? " (put it in quotes)" : ""));
            return null;
        }
        String value = node.asString();
        if (required && value.isBlank()) {
            problem(field, "must not be empty");
            return null;
        }
        if (shape != null && !shape.matcher(value).matches()) {
            problem(field, "'" + value + "' is not valid; " + hint);
            return null;
        }
        return value;
    }

    private boolean nonEmptyList(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            problem(field, "is required (a list with at least one entry)");
            return false;
        }
        if (!node.isArray() || node.isEmpty()) {
            problem(field, "must be a list with at least one entry");
            return false;
        }
        return true;
    }

    private void unknownFields(JsonNode node, String prefix, Set<String> known) {
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            if (!known.contains(property.getKey())) {
                problem(
                        prefix + property.getKey(),
                        "unknown field; known fields here are "
                                + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    private void problem(String field, String message) {
        problems.add(new PluginProblem(file, field, message));
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
