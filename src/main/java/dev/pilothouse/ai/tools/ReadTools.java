package dev.pilothouse.ai.tools;

import dev.pilothouse.resource.Caller;
import dev.pilothouse.resource.ObjectRef;
import dev.pilothouse.resource.ResourceQueries.ListQuery;
import dev.pilothouse.resource.ResourceQueries.ListResult;
import dev.pilothouse.resource.ResourceQueries.LogQuery;
import dev.pilothouse.resource.ResourceReads;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The six reads (and list_clusters), each one call to {@link ResourceReads} as the user, shaped. */
@Component
class ReadTools {

    static final int DEFAULT_TAIL = 500;
    private static final int DEFAULT_LIST_LIMIT = 5000;

    private final ResourceReads reads;
    private final Clock clock;

    ReadTools(ResourceReads reads, ToolClock clock) {
        this.reads = reads;
        this.clock = clock.clock();
    }

    Shaped run(String tool, ToolArguments.Args args, String cluster, ToolContext context) {
        Caller caller = Caller.assistant(context.username());
        Budget budget = new Budget(context.settings().outputTokenBudget());
        Instant now = clock.instant();
        return switch (tool) {
            case ToolCatalog.GET_RESOURCES -> getResources(caller, cluster, args, budget, now);
            case ToolCatalog.DESCRIBE_RESOURCE -> {
                var ref = new ObjectRef(cluster, args.str("kind"), null, args.str("namespace"), args.str("name"));
                var description = reads.describe(caller, ref);
                yield ObjectShaper.describe(
                        description,
                        isSecretKind(description.object()) || resolvesToSecret(caller, cluster, args.str("kind")),
                        budget,
                        now);
            }
            case ToolCatalog.GET_EVENTS ->
                EventShaper.shape(
                        reads.events(
                                caller,
                                cluster,
                                args.str("namespace"),
                                args.str("kind"),
                                args.str("name"),
                                args.bool("warningsOnly"),
                                1000),
                        budget,
                        now,
                        true);
            case ToolCatalog.GET_LOGS -> {
                int tail = args.integer("tailLines") == null ? DEFAULT_TAIL : args.integer("tailLines");
                String text = reads.logs(
                        caller,
                        cluster,
                        args.str("namespace"),
                        args.str("pod"),
                        new LogQuery(args.str("container"), tail, args.integer("sinceSeconds"), args.bool("previous")));
                yield LogShaper.shape(
                        args.str("namespace") + "/" + args.str("pod")
                                + (args.str("container") == null ? "" : " container " + args.str("container"))
                                + (args.bool("previous") ? " (previous run)" : ""),
                        text,
                        tail,
                        budget);
            }
            case ToolCatalog.GET_METRICS ->
                MetricsShaper.shape(
                        reads.metrics(caller, cluster, args.str("scope"), args.str("namespace")),
                        "pods".equals(args.str("scope")) ? args.str("namespace") : null,
                        budget);
            case ToolCatalog.SEARCH_RESOURCES ->
                SearchShaper.shape(
                        args.str("query"),
                        reads.search(
                                caller,
                                cluster,
                                args.str("query"),
                                args.str("labelSelector"),
                                args.str("namespace"),
                                500),
                        budget);
            case ToolCatalog.LIST_CLUSTERS -> listClusters(caller, context);
            default -> throw new IllegalArgumentException(tool);
        };
    }

    private Shaped getResources(Caller caller, String cluster, ToolArguments.Args args, Budget budget, Instant now) {
        if (args.str("name") != null) {
            Map<String, Object> object = reads.get(
                    caller, new ObjectRef(cluster, args.str("kind"), null, args.str("namespace"), args.str("name")));
            return ObjectShaper.object(
                    object, isSecretKind(object) || resolvesToSecret(caller, cluster, args.str("kind")), budget, now);
        }
        int limit = args.integer("limit") == null ? DEFAULT_LIST_LIMIT : args.integer("limit");
        ListResult result = reads.list(
                caller,
                cluster,
                args.str("kind"),
                null,
                new ListQuery(
                        args.str("namespace"), args.str("labelSelector"), args.str("fieldSelector"), limit, null));
        boolean secrets =
                result.type().group().isEmpty() && "Secret".equals(result.type().kind());
        List<Map<String, Object>> items = result.items().stream()
                .map(item -> Redactor.object(item, secrets))
                .toList();
        return ListShaper.shape(
                result.type().kind(),
                result.type().plural(),
                result.type().namespaced() ? args.str("namespace") : null,
                items,
                result.continueToken() != null,
                limit,
                budget,
                now);
    }

    private Shaped listClusters(Caller caller, ToolContext context) {
        List<String> mine = reads.clustersOf(caller);
        StringBuilder out = new StringBuilder();
        out.append(context.username()).append(" may use ").append(mine.size()).append(" cluster(s):\n");
        for (String name : mine) {
            out.append(name)
                    .append(name.equals(context.pageCluster()) ? "\t(on the user's screen)" : "")
                    .append('\n');
        }
        return new Shaped(out.toString(), mine.size() + (mine.size() == 1 ? " cluster" : " clusters"));
    }

    /** Whether the kind asked for is core/v1 Secret as discovery knows it, whatever the object says. */
    private boolean resolvesToSecret(Caller caller, String cluster, String kind) {
        if (kind == null) return false;
        if (kind.equalsIgnoreCase("secret") || kind.equalsIgnoreCase("secrets")) return true;
        return reads.kinds(caller, cluster).stream()
                .anyMatch(t -> t.group().isEmpty()
                        && t.kind().equals("Secret")
                        && (t.kind().equalsIgnoreCase(kind) || t.plural().equalsIgnoreCase(kind)));
    }

    /** The object states it is a core/v1 Secret. */
    private static boolean isSecretKind(Map<String, Object> object) {
        return "Secret".equals(object.get("kind")) && "v1".equals(object.get("apiVersion"));
    }
}
