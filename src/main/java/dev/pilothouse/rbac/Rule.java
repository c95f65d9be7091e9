package dev.pilothouse.rbac;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One grant inside a role: these verbs on these resources of these API groups. Resources are
 * lowercase Kubernetes plurals ({@code deployments}); a subresource is written with a slash
 * ({@code secrets/data}, {@code pods/log}). {@code *} stands for any verb or group, and in a
 * resource for any one path segment: {@code *} matches every top-level resource but no
 * subresource, {@code *}{@code /*} every subresource. So a role that may "get *" still cannot read
 * Secret values, which must be granted as {@code secrets/data} on purpose.
 */
public record Rule(List<String> verbs, List<String> apiGroups, List<String> resources) {

    public static final String ANY = "*";

    // Missing lists and null entries are kept as sent, so validation can name them (RuleValidation).
    public Rule {
        verbs = copy(verbs);
        apiGroups = copy(apiGroups);
        resources = copy(resources);
    }

    private static List<String> copy(List<String> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }

    boolean allows(Verb verb, String apiGroup, String resource) {
        return (verbs.contains(ANY) || verbs.contains(verb.value()))
                && (apiGroups.contains(ANY) || apiGroups.contains(apiGroup))
                && resources.stream().anyMatch(pattern -> matches(pattern, resource));
    }

    /** Segment by segment, so {@code *} never reaches across the slash into a subresource. */
    static boolean matches(String pattern, String resource) {
        String[] want = pattern.split("/", -1);
        String[] have = resource.split("/", -1);
        if (want.length != have.length) return false;
        for (int i = 0; i < want.length; i++) {
            if (!want[i].equals(ANY) && !want[i].equals(have[i])) return false;
        }
        return true;
    }
}
