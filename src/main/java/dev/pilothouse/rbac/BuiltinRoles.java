package dev.pilothouse.rbac;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * The roles every installation has. Their definitions live here, not in a migration, so a new
 * release can change them and every start brings the database in line ({@link RbacBootstrap}).
 */
final class BuiltinRoles {

    private BuiltinRoles() {}

    record Definition(String name, String description, List<Rule> rules) {
        /** The same id on every replica and every installation, derived from the name. */
        UUID id() {
            return UUID.nameUUIDFromBytes(("pilothouse-builtin-role:" + name).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final List<String> READ = List.of("get", "list", "watch", "logs");
    private static final List<String> CHANGE = List.of("create", "update", "patch", "delete", "scale", "restart");

    static final Definition ADMIN = new Definition(
            "admin",
            "Everything on the clusters it is bound on, including reading Secret values.",
            List.of(new Rule(List.of("*"), List.of("*"), List.of("*", "*/*"))));

    /**
     * Runs applications: reads everything but Secret values, and changes the objects that make up
     * a workload. It does not touch RBAC, nodes, namespaces, CRDs or Secrets, which decide who
     * may do what and are a cluster administrator's business.
     */
    static final Definition OPERATOR = new Definition(
            "operator",
            "Reads everything and its logs, except Secret values; creates, changes, scales, restarts and"
                    + " deletes workloads, their services, config maps, volume claims, ingresses and autoscalers.",
            List.of(
                    new Rule(READ, List.of("*"), List.of("*")),
                    new Rule(
                            CHANGE,
                            List.of("apps"),
                            List.of("deployments", "statefulsets", "daemonsets", "replicasets")),
                    new Rule(CHANGE, List.of("batch"), List.of("jobs", "cronjobs")),
                    new Rule(CHANGE, List.of(""), List.of("pods", "services", "configmaps", "persistentvolumeclaims")),
                    new Rule(CHANGE, List.of("autoscaling"), List.of("horizontalpodautoscalers")),
                    new Rule(CHANGE, List.of("networking.k8s.io"), List.of("ingresses"))));

    static final Definition VIEWER = new Definition(
            "viewer",
            "Reads everything and its logs, except Secret values.",
            List.of(new Rule(READ, List.of("*"), List.of("*"))));

    static final List<Definition> ALL = List.of(ADMIN, OPERATOR, VIEWER);
}
