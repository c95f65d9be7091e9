package dev.pilothouse.resource;

import dev.pilothouse.cluster.ClusterHandle;
import dev.pilothouse.platform.ApiException;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The kinds each cluster serves (built-in and CRDs), read from the API server's discovery
 * documents and cached for a few minutes per cluster. Resolves what a person or the assistant
 * types ("deploy", "Deployment", "deployments", "certificates.cert-manager.io") to one type.
 */
@Component
class Discovery {

    private static final Duration TTL = Duration.ofMinutes(5);
    private static final Set<String> BUILT_IN_GROUPS = Set.of(
            "",
            "apps",
            "batch",
            "autoscaling",
            "policy",
            "networking.k8s.io",
            "rbac.authorization.k8s.io",
            "storage.k8s.io",
            "apiextensions.k8s.io",
            "admissionregistration.k8s.io",
            "coordination.k8s.io",
            "discovery.k8s.io",
            "events.k8s.io",
            "node.k8s.io",
            "scheduling.k8s.io",
            "certificates.k8s.io",
            "flowcontrol.apiserver.k8s.io",
            "apiregistration.k8s.io",
            "authentication.k8s.io",
            "authorization.k8s.io",
            "resource.k8s.io",
            "metrics.k8s.io");
    private static final Map<String, String> SHORT_NAMES = Map.ofEntries(
            Map.entry("po", "pods"),
            Map.entry("svc", "services"),
            Map.entry("deploy", "deployments"),
            Map.entry("rs", "replicasets"),
            Map.entry("sts", "statefulsets"),
            Map.entry("ds", "daemonsets"),
            Map.entry("cm", "configmaps"),
            Map.entry("ns", "namespaces"),
            Map.entry("no", "nodes"),
            Map.entry("ing", "ingresses"),
            Map.entry("hpa", "horizontalpodautoscalers"),
            Map.entry("ev", "events"),
            Map.entry("pvc", "persistentvolumeclaims"),
            Map.entry("pv", "persistentvolumes"),
            Map.entry("sa", "serviceaccounts"),
            Map.entry("ep", "endpoints"),
            Map.entry("cj", "cronjobs"),
            Map.entry("netpol", "networkpolicies"),
            Map.entry("crd", "customresourcedefinitions"));

    private record Cached(Instant at, List<ResourceType> types) {}

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    List<ResourceType> types(ClusterHandle cluster) {
        Cached cached = cache.get(cluster.name());
        if (cached != null && cached.at().plus(TTL).isAfter(Instant.now())) {
            return cached.types();
        }
        List<ResourceType> types = ClusterErrors.call(cluster.name(), () -> discover(cluster.systemClient()));
        cache.put(cluster.name(), new Cached(Instant.now(), types));
        return types;
    }

    void forget(String cluster) {
        cache.remove(cluster);
    }

    /**
     * @param name a kind, plural, singular or short name, optionally qualified with its group
     *     ({@code certificates.cert-manager.io}); {@code group} narrows it further when given
     */
    ResourceType resolve(ClusterHandle cluster, String name, String group) {
        String wanted = name.toLowerCase(Locale.ROOT).strip();
        String qualifier = group;
        int dot = wanted.indexOf('.');
        if (qualifier == null && dot > 0) {
            qualifier = wanted.substring(dot + 1);
            wanted = wanted.substring(0, dot);
        }
        wanted = SHORT_NAMES.getOrDefault(wanted, wanted);
        String finalWanted = wanted;
        String finalGroup = qualifier;
        List<ResourceType> matches = types(cluster).stream()
                .filter(t -> finalGroup == null || t.group().equals(finalGroup))
                .filter(t -> t.plural().equals(finalWanted)
                        || t.kind().toLowerCase(Locale.ROOT).equals(finalWanted)
                        || (t.kind().toLowerCase(Locale.ROOT) + "s").equals(finalWanted))
                .toList();
        if (matches.isEmpty()) {
            throw ApiException.notFound(
                    "unknown_kind",
                    "Cluster '" + cluster.name() + "' does not serve a kind called '" + KubeNames.shown(name) + "'"
                            + (group == null ? "" : " in group '" + KubeNames.shown(group) + "'")
                            + ". GET /api/clusters/" + cluster.name() + "/kinds lists the kinds it has.");
        }
        // metrics.k8s.io also has "pods" and "nodes": the built-in kind wins unless asked for.
        return matches.stream()
                .min(Comparator.comparing((ResourceType t) -> t.group().equals("metrics.k8s.io"))
                        .thenComparing(t -> !t.group().isEmpty()))
                .orElseThrow();
    }

    private static List<ResourceType> discover(KubernetesClient client) {
        List<ResourceType> types = new ArrayList<>();
        addAll(types, client, "", "v1");
        for (APIGroup group : client.getApiGroups().getGroups()) {
            String version = group.getPreferredVersion() != null
                    ? group.getPreferredVersion().getVersion()
                    : group.getVersions().getFirst().getVersion();
            addAll(types, client, group.getName(), version);
        }
        types.sort(Comparator.comparing(ResourceType::group).thenComparing(ResourceType::kind));
        return List.copyOf(types);
    }

    private static void addAll(List<ResourceType> types, KubernetesClient client, String group, String version) {
        var list = client.getApiResources(group.isEmpty() ? version : group + "/" + version);
        if (list == null || list.getResources() == null) return;
        for (APIResource r : list.getResources()) {
            if (r.getName().contains("/")) continue; // subresources are reached through their parent
            types.add(new ResourceType(
                    group,
                    version,
                    r.getKind(),
                    r.getName(),
                    Boolean.TRUE.equals(r.getNamespaced()),
                    r.getVerbs() == null ? List.of() : List.copyOf(r.getVerbs()),
                    !BUILT_IN_GROUPS.contains(group)));
        }
    }
}
