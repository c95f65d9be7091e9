package dev.pilothouse.resource;

import dev.pilothouse.platform.ApiException;
import dev.pilothouse.rbac.Verb;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Who may create or change pods without holding {@code get secrets/data}: a pod that mounts a
 * Secret, takes one as environment, runs privileged, shares the node's namespaces or file system,
 * or runs as another service account hands its author what their role withholds (Secret values,
 * root on the node, another identity's API rights). Such pod specs, in Pods and in the templates
 * of workloads, are refused for callers who may not read Secret values anyway.
 *
 * <p>Capabilities: the ones Kubernetes' "baseline" Pod Security Standard allows may be added.
 */
@Component
class WorkloadPolicy {

    static final Set<String> SAFE_CAPABILITIES = Set.of(
            "AUDIT_WRITE",
            "CHOWN",
            "DAC_OVERRIDE",
            "FOWNER",
            "FSETID",
            "KILL",
            "MKNOD",
            "NET_BIND_SERVICE",
            "SETFCAP",
            "SETGID",
            "SETPCAP",
            "SETUID",
            "SYS_CHROOT");

    /** Kind → path of its pod spec. */
    private static final Map<String, List<String>> POD_SPECS = Map.of(
            "/Pod", List.of("spec"),
            "/PodTemplate", List.of("template", "spec"),
            "/ReplicationController", List.of("spec", "template", "spec"),
            "apps/Deployment", List.of("spec", "template", "spec"),
            "apps/StatefulSet", List.of("spec", "template", "spec"),
            "apps/DaemonSet", List.of("spec", "template", "spec"),
            "apps/ReplicaSet", List.of("spec", "template", "spec"),
            "batch/Job", List.of("spec", "template", "spec"),
            "batch/CronJob", List.of("spec", "jobTemplate", "spec", "template", "spec"));

    /** Whether objects of this type carry a pod spec. */
    boolean governs(ResourceType type) {
        return POD_SPECS.containsKey(type.group() + "/" + type.kind());
    }

    /** Those who may read Secret values in the namespace are not held back by this policy. */
    boolean exempt(ResourceAccess.Call call, String namespace) {
        return call.allowed(Verb.GET, namespace, "", "secrets/data");
    }

    /** @throws ApiException 403 {@code policy_denied} listing what the pod spec may not have */
    void check(ResourceType type, Map<String, Object> object) {
        List<String> problems = violations(type, object);
        if (!problems.isEmpty()) {
            throw ApiException.forbidden(
                    "policy_denied",
                    "This " + type.kind() + " is refused because its pod spec " + String.join("; ", problems)
                            + ". Only a role that may read Secret values (get secrets/data) may create such pods.");
        }
    }

    List<String> violations(ResourceType type, Map<String, Object> object) {
        List<String> path = POD_SPECS.get(type.group() + "/" + type.kind());
        if (path == null || !(ObjectMaps.path(object, path.toArray(String[]::new)) instanceof Map<?, ?> spec)) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) {
            if (Boolean.TRUE.equals(spec.get(host))) problems.add("sets " + host);
        }
        for (String field : List.of("serviceAccountName", "serviceAccount")) {
            if (spec.get(field) instanceof String account && !account.isBlank() && !account.equals("default")) {
                problems.add("runs as service account '" + account + "'");
                break;
            }
        }
        for (Map<?, ?> volume : maps(spec.get("volumes"))) {
            String name = String.valueOf(volume.get("name"));
            if (volume.get("secret") != null) problems.add("mounts a Secret (volume '" + name + "')");
            if (volume.get("hostPath") != null) problems.add("mounts a path of the node (volume '" + name + "')");
            if (volume.get("projected") instanceof Map<?, ?> projected) {
                for (Map<?, ?> source : maps(projected.get("sources"))) {
                    if (source.get("secret") != null) {
                        problems.add("projects a Secret (volume '" + name + "')");
                    }
                }
            }
        }
        for (String list : List.of("initContainers", "containers", "ephemeralContainers")) {
            for (Map<?, ?> container : maps(spec.get(list))) {
                problems.addAll(containerViolations(container));
            }
        }
        return problems;
    }

    private static List<String> containerViolations(Map<?, ?> container) {
        String name = String.valueOf(container.get("name"));
        List<String> problems = new ArrayList<>();
        for (Map<?, ?> env : maps(container.get("env"))) {
            if (env.get("valueFrom") instanceof Map<?, ?> from && from.get("secretKeyRef") != null) {
                problems.add("reads a Secret into variable " + env.get("name") + " of container '" + name + "'");
            }
        }
        for (Map<?, ?> from : maps(container.get("envFrom"))) {
            if (from.get("secretRef") != null) {
                problems.add("reads a Secret into the environment of container '" + name + "'");
            }
        }
        if (container.get("securityContext") instanceof Map<?, ?> security) {
            if (Boolean.TRUE.equals(security.get("privileged"))) {
                problems.add("runs container '" + name + "' privileged");
            }
            if (security.get("capabilities") instanceof Map<?, ?> capabilities
                    && capabilities.get("add") instanceof List<?> added) {
                for (Object capability : added) {
                    String cap = String.valueOf(capability).toUpperCase(java.util.Locale.ROOT);
                    if (cap.startsWith("CAP_")) cap = cap.substring(4);
                    if (!SAFE_CAPABILITIES.contains(cap)) {
                        problems.add("adds capability " + capability + " to container '" + name + "'");
                    }
                }
            }
        }
        return problems;
    }

    private static List<Map<?, ?>> maps(Object list) {
        if (!(list instanceof List<?> items)) return List.of();
        List<Map<?, ?>> out = new ArrayList<>();
        for (Object item : items) {
            if (item instanceof Map<?, ?> map) out.add(map);
        }
        return out;
    }
}
