package dev.pilothouse.ai.tools;

import dev.pilothouse.ai.provider.Tool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tools the model is offered: names and parameters are a contract (DESIGN.md, "Assistant
 * tools"; docs/protocol.md). Descriptions are short on purpose: all schemas together stay under
 * 1,500 o200k tokens (ToolOutputBenchmark measures them). The same schemas validate the model's
 * arguments ({@link ToolArguments}).
 */
final class ToolCatalog {

    static final String GET_RESOURCES = "get_resources";
    static final String DESCRIBE_RESOURCE = "describe_resource";
    static final String GET_EVENTS = "get_events";
    static final String GET_LOGS = "get_logs";
    static final String GET_METRICS = "get_metrics";
    static final String SEARCH_RESOURCES = "search_resources";
    static final String LIST_CLUSTERS = "list_clusters";
    static final String APPLY_YAML = "apply_yaml";
    static final String DELETE_RESOURCE = "delete_resource";
    static final String SCALE_RESOURCE = "scale_resource";
    static final String RESTART_RESOURCE = "restart_resource";

    private static final String APPROVAL = " The user sees a dry-run preview and must approve it.";

    private final List<Tool> reads;
    private final List<Tool> writes;

    ToolCatalog() {
        reads = List.of(
                tool(
                        GET_RESOURCES,
                        "List objects of a kind as a table (unhealthy first, with reasons), or get one by name.",
                        false,
                        List.of("kind"),
                        p("kind", "string", "Kind, plural or short name: pods, deploy, svc, nodes, a CRD kind"),
                        p("namespace", "string", "Omit for all namespaces"),
                        p("name", "string", "One object's name"),
                        p("labelSelector", "string", "e.g. app=web,tier!=db"),
                        p("fieldSelector", "string", "e.g. status.phase=Pending"),
                        integer("limit", "Most objects to fetch (default 5000)", 1, 5000)),
                tool(
                        DESCRIBE_RESOURCE,
                        "What kubectl describe shows: the object, its events, and the pods of a workload or Service.",
                        false,
                        List.of("kind", "name"),
                        p("kind", "string", null),
                        p("name", "string", null),
                        p("namespace", "string", null)),
                tool(
                        GET_EVENTS,
                        "Events grouped by object and reason, warnings first.",
                        false,
                        List.of(),
                        p("namespace", "string", "Omit for all"),
                        p("kind", "string", "Kind of the object the events are about"),
                        p("name", "string", "Name of that object"),
                        p("warningsOnly", "boolean", null)),
                tool(
                        GET_LOGS,
                        "A container's log tail; error and warning lines are kept when the middle is cut.",
                        false,
                        List.of("namespace", "pod"),
                        p("namespace", "string", null),
                        p("pod", "string", null),
                        p("container", "string", "Needed when the pod has several"),
                        integer("tailLines", "Default 500", 1, 10_000),
                        p("previous", "boolean", "The previous (crashed) run"),
                        integer("sinceSeconds", null, 1, 604_800)),
                tool(
                        GET_METRICS,
                        "CPU and memory use from metrics-server, busiest first.",
                        false,
                        List.of("scope"),
                        Map.entry("scope", Map.of("type", "string", "enum", List.of("pods", "nodes"))),
                        p("namespace", "string", "Pods only; omit for all")),
                tool(
                        SEARCH_RESOURCES,
                        "Find objects of any kind whose name contains query, optionally by labels.",
                        false,
                        List.of("query"),
                        p("query", "string", "Part of a name; may be empty with labelSelector"),
                        p("labelSelector", "string", null),
                        p("namespace", "string", null)),
                tool(
                        LIST_CLUSTERS,
                        "The clusters you may use, and which one is on the user's screen.",
                        false,
                        List.of()));
        writes = List.of(
                tool(
                        APPLY_YAML,
                        "Server-side apply of Kubernetes YAML (one or more documents)." + APPROVAL,
                        true,
                        List.of("yaml"),
                        Map.entry("yaml", Map.of("type", "string", "minLength", 1, "maxLength", 200_000)),
                        p("namespace", "string", "For objects that name none")),
                tool(
                        DELETE_RESOURCE,
                        "Delete one object; the preview lists what goes with it." + APPROVAL,
                        true,
                        List.of("kind", "name"),
                        p("kind", "string", null),
                        p("name", "string", null),
                        p("namespace", "string", null)),
                tool(
                        SCALE_RESOURCE,
                        "Set the replicas of a Deployment, StatefulSet or ReplicaSet." + APPROVAL,
                        true,
                        List.of("kind", "name", "namespace", "replicas"),
                        p("kind", "string", null),
                        p("name", "string", null),
                        p("namespace", "string", null),
                        integer("replicas", null, 0, 1000)),
                tool(
                        RESTART_RESOURCE,
                        "Rollout restart of a Deployment, StatefulSet or DaemonSet." + APPROVAL,
                        true,
                        List.of("kind", "name", "namespace"),
                        p("kind", "string", null),
                        p("name", "string", null),
                        p("namespace", "string", null)));
    }

    /** What the model is offered: nothing with tools off, the reads only for a read-only assistant. */
    List<Tool> offered(ToolSettings settings) {
        if (!settings.toolsEnabled()) return List.of();
        if (!settings.writeToolsEnabled()) return reads;
        List<Tool> all = new ArrayList<>(reads);
        all.addAll(writes);
        return List.copyOf(all);
    }

    List<Tool> all() {
        return offered(ToolSettings.defaults());
    }

    Optional<Tool> find(String name) {
        return all().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    @SafeVarargs
    private static Tool tool(
            String name,
            String description,
            boolean write,
            List<String> required,
            Map.Entry<String, Map<String, Object>>... properties) {
        Map<String, Object> props = new LinkedHashMap<>();
        for (var p : properties) props.put(p.getKey(), p.getValue());
        if (!name.equals(LIST_CLUSTERS)) {
            props.put("cluster", Map.of("type", "string", "description", "Default: the user's page, or only, cluster"));
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", props);
        if (!required.isEmpty()) schema.put("required", required);
        schema.put("additionalProperties", false);
        return new Tool(name, description, schema, write);
    }

    private static Map.Entry<String, Map<String, Object>> p(String name, String type, String description) {
        return Map.entry(
                name, description == null ? Map.of("type", type) : Map.of("type", type, "description", description));
    }

    private static Map.Entry<String, Map<String, Object>> integer(String name, String description, int min, int max) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "integer");
        schema.put("minimum", min);
        schema.put("maximum", max);
        if (description != null) schema.put("description", description);
        return Map.entry(name, schema);
    }
}
