package dev.pilothouse.rbac;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The decision itself, a pure function of a user's grants: deny by default, allow when a rule of
 * a role bound on the request's cluster and namespace matches. Every answer carries a sentence
 * that names the role(s), the scope and the action, so a refusal tells the user what to ask for.
 */
final class Decisions {

    private Decisions() {}

    static AccessDecision decide(String username, List<Grant> grants, AccessRequest request) {
        String cluster = request.cluster();
        String namespace = blankToNull(request.namespace());
        String apiGroup = request.apiGroup() == null ? "" : request.apiGroup();
        String resource = request.resource().toLowerCase(Locale.ROOT);
        Verb verb = request.verb();

        List<Grant> onCluster =
                grants.stream().filter(g -> g.onCluster(cluster)).toList();
        if (onCluster.isEmpty()) {
            return deny("%s has no role on cluster %s".formatted(username, cluster));
        }
        List<Grant> inScope =
                onCluster.stream().filter(g -> g.coversNamespace(namespace)).toList();
        String action = action(verb, apiGroup, resource);
        if (inScope.isEmpty()) {
            Set<String> namespaces = new TreeSet<>();
            onCluster.forEach(g -> namespaces.addAll(g.namespaces()));
            String covered =
                    "namespace%s %s".formatted(namespaces.size() == 1 ? "" : "s", String.join(", ", namespaces));
            return deny(
                    namespace == null
                            ? "%s's roles on cluster %s cover only %s; to %s across all namespaces or cluster-wide, a role on all namespaces is needed"
                                    .formatted(username, cluster, covered, action)
                            : "%s has no role in namespace %s on cluster %s; their roles there cover only %s"
                                    .formatted(username, namespace, cluster, covered));
        }
        String scope = namespace == null
                ? "on cluster " + cluster
                : "on cluster %s, namespace %s".formatted(cluster, namespace);
        for (Grant grant : inScope) {
            if (grant.allows(verb, apiGroup, resource)) {
                return new AccessDecision(true, "%s %s may %s".formatted(grant.role(), scope, action));
            }
        }
        Set<String> roles = new LinkedHashSet<>();
        inScope.forEach(g -> roles.add(g.role()));
        return deny("%s %s may not %s".formatted(names(List.copyOf(roles)), scope, action));
    }

    /** "delete deployments", "read logs of pods", "get the data of secrets", "list certificates.cert-manager.io". */
    static String action(Verb verb, String apiGroup, String resource) {
        int slash = resource.indexOf('/');
        String kind = slash < 0 ? resource : resource.substring(0, slash);
        // kubectl's resource.group notation, but only where the group tells the reader something:
        // everybody knows deployments, few know which group an operator's CRD lives in.
        if (apiGroup.contains(".") && !apiGroup.endsWith("k8s.io")) {
            kind = kind + "." + apiGroup;
        }
        String what = slash < 0 ? kind : "the " + resource.substring(slash + 1) + " of " + kind;
        return verb.phrase() + " " + what;
    }

    /** "viewer", "viewer and auditor", "a, b and c". */
    private static String names(List<String> roles) {
        if (roles.size() == 1) return roles.getFirst();
        return String.join(", ", roles.subList(0, roles.size() - 1)) + " and " + roles.getLast();
    }

    private static AccessDecision deny(String explanation) {
        return new AccessDecision(false, explanation);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
