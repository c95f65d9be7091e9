package dev.pilothouse.cluster.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API resources the demo API server advertises through discovery ({@code /api},
 * {@code /apis}, {@code /apis/<group>/<version>}), as a real API server of v1.35 would for the
 * kinds the scenario uses, plus the cert-manager CRD and metrics.k8s.io.
 */
final class DemoCatalog {

    record Type(String group, String version, String kind, String plural, boolean namespaced, List<String> verbs) {
        String groupVersion() {
            return group.isEmpty() ? version : group + "/" + version;
        }
    }

    private static final List<String> ALL = List.of("create", "delete", "get", "list", "patch", "update", "watch");
    private static final List<String> READ = List.of("get", "list");

    static final List<Type> TYPES = List.of(
            new Type("", "v1", "Pod", "pods", true, ALL),
            new Type("", "v1", "Service", "services", true, ALL),
            new Type("", "v1", "Endpoints", "endpoints", true, ALL),
            new Type("", "v1", "ConfigMap", "configmaps", true, ALL),
            new Type("", "v1", "Secret", "secrets", true, ALL),
            new Type("", "v1", "ServiceAccount", "serviceaccounts", true, ALL),
            new Type("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", true, ALL),
            new Type("", "v1", "Event", "events", true, ALL),
            new Type("", "v1", "Namespace", "namespaces", false, ALL),
            new Type("", "v1", "Node", "nodes", false, ALL),
            new Type("", "v1", "PersistentVolume", "persistentvolumes", false, ALL),
            new Type("apps", "v1", "Deployment", "deployments", true, ALL),
            new Type("apps", "v1", "StatefulSet", "statefulsets", true, ALL),
            new Type("apps", "v1", "DaemonSet", "daemonsets", true, ALL),
            new Type("apps", "v1", "ReplicaSet", "replicasets", true, ALL),
            new Type("batch", "v1", "Job", "jobs", true, ALL),
            new Type("batch", "v1", "CronJob", "cronjobs", true, ALL),
            new Type("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, ALL),
            new Type("networking.k8s.io", "v1", "Ingress", "ingresses", true, ALL),
            new Type("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true, ALL),
            new Type("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false, ALL),
            new Type("cert-manager.io", "v1", "Certificate", "certificates", true, ALL),
            new Type("metrics.k8s.io", "v1beta1", "PodMetrics", "pods", true, READ),
            new Type("metrics.k8s.io", "v1beta1", "NodeMetrics", "nodes", false, READ));

    /** Subresources advertised beside their parents, as real discovery does. */
    private static final Map<String, List<String>> SUBRESOURCES = Map.of(
            "pods", List.of("log", "status"),
            "deployments", List.of("scale", "status"),
            "statefulsets", List.of("scale", "status"),
            "replicasets", List.of("scale", "status"));

    private DemoCatalog() {}

    static Map<String, Object> coreVersions() {
        return Map.of("kind", "APIVersions", "versions", List.of("v1"), "serverAddressByClientCIDRs", List.of());
    }

    static Map<String, Object> groups() {
        Map<String, List<String>> versionsByGroup = new LinkedHashMap<>();
        for (Type t : TYPES) {
            if (t.group().isEmpty()) continue;
            versionsByGroup.computeIfAbsent(t.group(), g -> new ArrayList<>());
            if (!versionsByGroup.get(t.group()).contains(t.version()))
                versionsByGroup.get(t.group()).add(t.version());
        }
        List<Map<String, Object>> groups = new ArrayList<>();
        versionsByGroup.forEach((group, versions) -> {
            List<Map<String, String>> gvs = versions.stream()
                    .map(v -> Map.of("groupVersion", group + "/" + v, "version", v))
                    .toList();
            groups.add(Map.of("name", group, "versions", gvs, "preferredVersion", gvs.getFirst()));
        });
        return Map.of("kind", "APIGroupList", "apiVersion", "v1", "groups", groups);
    }

    /** @return null when the group/version is not served */
    static Map<String, Object> resources(String groupVersion) {
        List<Map<String, Object>> resources = new ArrayList<>();
        for (Type t : TYPES) {
            if (!t.groupVersion().equals(groupVersion)) continue;
            resources.add(Map.of(
                    "name", t.plural(),
                    "singularName", t.kind().toLowerCase(),
                    "namespaced", t.namespaced(),
                    "kind", t.kind(),
                    "verbs", t.verbs()));
            for (String sub : SUBRESOURCES.getOrDefault(t.plural(), List.of())) {
                if (t.group().equals("metrics.k8s.io")) continue;
                resources.add(Map.of(
                        "name",
                        t.plural() + "/" + sub,
                        "singularName",
                        "",
                        "namespaced",
                        t.namespaced(),
                        "kind",
                        sub.equals("scale") ? "Scale" : t.kind(),
                        "verbs",
                        List.of("get", "patch", "update")));
            }
        }
        if (resources.isEmpty()) return null;
        return Map.of(
                "kind", "APIResourceList", "apiVersion", "v1", "groupVersion", groupVersion, "resources", resources);
    }
}
