package dev.pilothouse.rbac;

import dev.pilothouse.platform.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Checks what an administrator sends before it is stored, and names every problem by its field
 * ({@code rules[1].verbs[0]}), so a form can point at it. Collects all problems, not the first.
 */
final class RuleValidation {

    static final Pattern ROLE_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    // API groups are DNS names, "" for the core group.
    private static final Pattern API_GROUP = Pattern.compile("|\\*|[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?");
    // A plural, optionally with one subresource; '*' may stand for either part.
    private static final Pattern RESOURCE = Pattern.compile("(\\*|[a-z0-9][a-z0-9.-]*)(/(\\*|[a-z0-9][a-z0-9-]*))?");
    // Cluster and namespace names: Kubernetes' DNS labels (cluster names are ours, same shape).
    private static final Pattern SCOPE_NAME = Pattern.compile("\\*|[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?");

    private final List<String> problems = new ArrayList<>();

    void roleName(String name) {
        if (name == null || name.isBlank()) {
            problems.add("name: is required");
        } else if (!ROLE_NAME.matcher(name).matches()) {
            problems.add("name: '" + name + "' is not a valid role name; use 1 to 63 lowercase letters, digits"
                    + " and '-', starting and ending with a letter or digit");
        }
    }

    void description(String description) {
        if (description != null && description.length() > 1000) {
            problems.add("description: is too long (at most 1000 characters)");
        }
    }

    void rules(List<Rule> rules) {
        if (rules == null) {
            problems.add("rules: is required (a list, which may be empty)");
            return;
        }
        if (rules.size() > 100) {
            problems.add("rules: at most 100 rules");
        }
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            String at = "rules[" + i + "]";
            if (rule == null) {
                problems.add(at + ": is empty");
                continue;
            }
            list(
                    at + ".verbs",
                    rule.verbs(),
                    v -> v.equals(Rule.ANY) || Verb.parse(v).isPresent(),
                    v -> "'" + v + "' is not a verb; use one of " + Verb.allValues() + ", or *");
            list(
                    at + ".apiGroups",
                    rule.apiGroups(),
                    v -> API_GROUP.matcher(v).matches(),
                    v -> "'" + v + "' is not an API group; use a group such as apps or cert-manager.io, \"\" for"
                            + " the core group, or *");
            list(
                    at + ".resources",
                    rule.resources(),
                    v -> RESOURCE.matcher(v).matches(),
                    v -> "'" + v + "' is not a resource; use a lowercase plural such as deployments, a"
                            + " subresource such as secrets/data, or *");
        }
    }

    /** Scopes default to all; '*' among other names means all anyway, so it is kept alone. */
    List<String> scope(String field, List<String> names) {
        if (names == null) return List.of(Rule.ANY);
        list(
                field,
                names,
                v -> SCOPE_NAME.matcher(v).matches(),
                v -> "'" + v + "' is not a valid name; use a lowercase DNS name, or * for all");
        if (names.contains(Rule.ANY)) return List.of(Rule.ANY);
        return new ArrayList<>(new TreeSet<>(names));
    }

    void require(String field, Object value) {
        if (value == null) problems.add(field + ": is required");
    }

    /** @throws ApiException 400 {@code invalid_request} listing every problem found */
    void throwIfInvalid() {
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("invalid_request", String.join("; ", new LinkedHashSet<>(problems)) + ".");
        }
    }

    private void list(String field, List<String> values, Predicate<String> valid, Function<String, String> why) {
        if (values == null || values.isEmpty()) {
            problems.add(field + ": needs at least one entry");
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value == null || !valid.test(value)) {
                problems.add(field + "[" + i + "]: " + (value == null ? "is empty" : why.apply(value)));
            }
        }
    }
}
