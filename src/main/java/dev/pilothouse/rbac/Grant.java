package dev.pilothouse.rbac;

import java.util.List;

/** One of a user's bindings with its role's rules, as the decision needs it (cached per user). */
record Grant(String role, List<Rule> rules, List<String> clusters, List<String> namespaces) {

    boolean onCluster(String cluster) {
        return clusters.contains(Rule.ANY) || clusters.contains(cluster);
    }

    /** A request outside any one namespace (null) needs a binding on all namespaces. */
    boolean coversNamespace(String namespace) {
        return namespaces.contains(Rule.ANY) || (namespace != null && namespaces.contains(namespace));
    }

    boolean allows(Verb verb, String apiGroup, String resource) {
        return rules.stream().anyMatch(r -> r.allows(verb, apiGroup, resource));
    }
}
