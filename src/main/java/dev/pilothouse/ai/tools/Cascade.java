package dev.pilothouse.ai.tools;

import dev.pilothouse.platform.ApiException;
import dev.pilothouse.resource.Caller;
import dev.pilothouse.resource.ObjectRef;
import dev.pilothouse.resource.ResourceChanges.Change;
import dev.pilothouse.resource.ResourceChanges.ChangeResult;
import dev.pilothouse.resource.ResourceQueries.ListQuery;
import dev.pilothouse.resource.ResourceReads;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What else goes when an object is deleted: the objects it owns, and theirs (a Deployment's
 * ReplicaSets and their pods, a CronJob's Jobs, a Service's EndpointSlices), found by following
 * ownerReferences among the kinds controllers create. Read as the user; what the user may not
 * list is left out of the preview, not guessed.
 */
final class Cascade {

    /** The kinds garbage collection most often takes along, in the object's namespace. */
    private static final List<String> OWNED_KINDS =
            List.of("replicasets", "pods", "jobs", "controllerrevisions", "endpointslices", "persistentvolumeclaims");

    static final String OPERATION = "deleted with its owner";

    private Cascade() {}

    /** The preview with one entry per owned object that the deletion takes along. */
    static ChangeResult withOwned(ResourceReads reads, Caller caller, String cluster, ChangeResult preview) {
        Change target = preview.changes().getFirst();
        if (target.namespace() == null) return preview; // cluster-scoped owners: not followed
        String uid;
        try {
            uid = Maps.str(
                    reads.get(caller, new ObjectRef(cluster, target.kind(), null, target.namespace(), target.name())),
                    "metadata",
                    "uid");
        } catch (ApiException e) {
            return preview;
        }
        Map<String, List<Map<String, Object>>> byOwner = new HashMap<>();
        for (String kind : OWNED_KINDS) {
            try {
                for (Map<String, Object> item : reads.list(
                                caller, cluster, kind, null, new ListQuery(target.namespace(), null, null, 5000, null))
                        .items()) {
                    for (Object owner : Maps.list(item, "metadata", "ownerReferences")) {
                        byOwner.computeIfAbsent(Maps.str(owner, "uid"), k -> new ArrayList<>())
                                .add(item);
                    }
                }
            } catch (ApiException e) {
                // a kind the cluster does not serve, or the user may not list: not shown
            }
        }
        List<Change> all = new ArrayList<>(preview.changes());
        ArrayDeque<String> owners = new ArrayDeque<>(List.of(uid == null ? "" : uid));
        while (!owners.isEmpty() && all.size() < 500) {
            for (Map<String, Object> owned : byOwner.getOrDefault(owners.poll(), List.of())) {
                all.add(new Change(
                        Maps.str(owned, "kind"),
                        Maps.str(owned, "metadata", "namespace"),
                        Maps.str(owned, "metadata", "name"),
                        OPERATION,
                        null,
                        null,
                        "",
                        List.of()));
                String ownedUid = Maps.str(owned, "metadata", "uid");
                if (ownedUid != null) owners.add(ownedUid);
            }
        }
        return new ChangeResult(preview.dryRun(), all);
    }
}
