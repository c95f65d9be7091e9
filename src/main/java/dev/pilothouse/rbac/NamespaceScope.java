package dev.pilothouse.rbac;

import java.util.Set;

/**
 * Where on a cluster a user may do something: in every namespace ({@code all}), or only in
 * {@code names} (possibly none). Lets a list "across all namespaces" show a user bound to a few
 * namespaces what they may see, instead of refusing the whole list.
 */
public record NamespaceScope(boolean all, Set<String> names) {

    public NamespaceScope {
        names = all ? Set.of() : Set.copyOf(names);
    }

    public boolean includes(String namespace) {
        return all || names.contains(namespace);
    }
}
