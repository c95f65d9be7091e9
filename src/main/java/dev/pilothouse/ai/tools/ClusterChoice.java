package dev.pilothouse.ai.tools;

import dev.pilothouse.resource.Caller;
import dev.pilothouse.resource.ResourceReads;
import java.util.List;

/**
 * Which cluster a call is for: the one the model named, else the one on the user's screen, else
 * the user's only cluster; otherwise the model is told which clusters it may choose from.
 */
final class ClusterChoice {

    private ClusterChoice() {}

    static String resolve(ToolArguments.Args args, ToolContext context, ResourceReads reads) {
        String named = args.str("cluster");
        if (named != null) return named;
        if (context.pageCluster() != null && !context.pageCluster().isBlank()) return context.pageCluster();
        List<String> mine = reads.clustersOf(Caller.assistant(context.username()));
        if (mine.size() == 1) return mine.getFirst();
        if (mine.isEmpty()) {
            throw new ToolFailure(
                    "no_cluster",
                    context.username() + " has no role on any cluster, so there is nothing to look at; an"
                            + " administrator can grant one under Settings → Access.");
        }
        throw new ToolFailure(
                "cluster_required",
                "Say which cluster with the cluster argument: " + context.username() + " may use "
                        + String.join(", ", mine) + ".");
    }
}
