package dev.pilothouse.resource;

import dev.pilothouse.cluster.ClusterManager;
import dev.pilothouse.platform.ApiException;
import dev.pilothouse.rbac.AccessControl;
import dev.pilothouse.rbac.AccessRequest;
import dev.pilothouse.rbac.NamespaceScope;
import dev.pilothouse.rbac.Verb;
import dev.pilothouse.resource.ResourceQueries.Description;
import dev.pilothouse.resource.ResourceQueries.EventSummary;
import dev.pilothouse.resource.ResourceQueries.ListQuery;
import dev.pilothouse.resource.ResourceQueries.ListResult;
import dev.pilothouse.resource.ResourceQueries.LogQuery;
import dev.pilothouse.resource.ResourceQueries.Metrics;
import dev.pilothouse.resource.ResourceQueries.SearchHit;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ContainerResource;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.dsl.Loggable;
import io.fabric8.kubernetes.client.dsl.PodResource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Reads of cluster objects for the dashboard and the assistant. Each call is checked against
 * RBAC before the cluster is called, goes out as the user when the cluster impersonates, and
 * masks Secret values the caller may not see. Writes are in {@link ResourceChanges}.
 */
@Service
public class ResourceReads {

    static final int MAX_LIST = 5000;
    static final int MAX_LOG_LINES = 10_000;

    private final ClusterManager clusters;
    private final Discovery discovery;
    private final AccessControl access;
    private final SecretMasker secrets;
    private final Describer describer;

    ResourceReads(
            ClusterManager clusters,
            Discovery discovery,
            AccessControl access,
            SecretMasker secrets,
            Describer describer) {
        this.clusters = clusters;
        this.discovery = discovery;
        this.access = access;
        this.secrets = secrets;
        this.describer = describer;
    }

    /** The kinds a cluster serves, built-in and custom. */
    public List<ResourceType> kinds(Caller caller, String cluster) {
        clusters.get(cluster);
        access.requireRoleOn(caller.username(), cluster);
        return discovery.types(cluster);
    }

    /**
     * A kind of the cluster, for a caller with some role there: without one, the cluster is not
     * asked at all, and the answer (403) does not tell which kinds it serves.
     */
    ResourceType resolve(Caller caller, String cluster, String kind, String group) {
        clusters.get(cluster);
        access.requireRoleOn(caller.username(), cluster);
        return discovery.resolve(cluster, kind, group);
    }

    public ListResult list(Caller caller, String cluster, String kind, String group, ListQuery query) {
        ResourceType type = resolve(caller, cluster, kind, group);
        String namespace = type.namespaced() ? blankToNull(query.namespace()) : null;
        if (type.namespaced() && namespace == null) {
            // A user bound to some namespaces sees those, instead of a refusal of the whole list.
            clusters.get(cluster);
            NamespaceScope scope =
                    access.namespaces(caller.username(), Verb.LIST, cluster, type.group(), type.plural());
            if (!scope.all() && !scope.names().isEmpty()) {
                return listIn(
                        caller, cluster, type, scope.names().stream().sorted().toList(), query);
            }
        }
        check(caller, Verb.LIST, cluster, namespace, type);
        int limit = query.limit() == null ? 500 : query.limit();
        if (limit < 1 || limit > MAX_LIST) {
            throw ApiException.badRequest("invalid_request", "limit must be between 1 and " + MAX_LIST + ".");
        }
        KubernetesClient client = clusters.clientAs(cluster, caller.username());
        var options = new ListOptionsBuilder()
                .withLimit((long) limit)
                .withContinue(blankToNull(query.continueToken()))
                .withLabelSelector(blankToNull(query.labelSelector()))
                .withFieldSelector(blankToNull(query.fieldSelector()))
                .build();
        var list = ClusterErrors.call(cluster, () -> {
            var resources = client.genericKubernetesResources(type.context());
            return namespace == null
                    ? resources.inAnyNamespace().list(options)
                    : resources.inNamespace(namespace).list(options);
        });
        List<Map<String, Object>> items = new ArrayList<>(list.getItems().size());
        for (GenericKubernetesResource item : list.getItems()) {
            items.add(secrets.apply(caller, cluster, withTypeMeta(ObjectMaps.toMap(client, item), type)));
        }
        return new ListResult(
                type,
                items,
                blankToNull(list.getMetadata().getContinue()),
                list.getMetadata().getResourceVersion());
    }

    /** One list per allowed namespace, merged; pages are not continued across namespaces. */
    private ListResult listIn(
            Caller caller, String cluster, ResourceType type, List<String> namespaces, ListQuery query) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (String ns : namespaces) {
            items.addAll(list(
                            caller,
                            cluster,
                            type.plural(),
                            type.group(),
                            new ListQuery(ns, query.labelSelector(), query.fieldSelector(), query.limit(), null))
                    .items());
        }
        int limit = query.limit() == null ? MAX_LIST : Math.min(query.limit(), MAX_LIST);
        return new ListResult(type, items.size() > limit ? items.subList(0, limit) : items, null, null);
    }

    public Map<String, Object> get(Caller caller, ObjectRef ref) {
        ResourceType type = resolve(caller, ref.cluster(), ref.kind(), ref.group());
        String namespace = namespaceFor(type, ref);
        check(caller, Verb.GET, ref.cluster(), namespace, type);
        KubernetesClient client = clusters.clientAs(ref.cluster(), caller.username());
        GenericKubernetesResource object = ClusterErrors.call(ref.cluster(), () -> {
            var resources = client.genericKubernetesResources(type.context());
            return namespace == null
                    ? resources.withName(ref.name()).get()
                    : resources.inNamespace(namespace).withName(ref.name()).get();
        });
        if (object == null) {
            throw notFound(type, ref.cluster(), namespace, ref.name());
        }
        return secrets.apply(caller, ref.cluster(), withTypeMeta(ObjectMaps.toMap(client, object), type));
    }

    public String getYaml(Caller caller, ObjectRef ref) {
        return clusters.systemClient(ref.cluster()).getKubernetesSerialization().asYaml(get(caller, ref));
    }

    public Description describe(Caller caller, ObjectRef ref) {
        Map<String, Object> object = get(caller, ref);
        ResourceType type = resolve(caller, ref.cluster(), ref.kind(), ref.group());
        String namespace = namespaceFor(type, ref);
        KubernetesClient client = clusters.clientAs(ref.cluster(), caller.username());
        boolean mayListEvents = allowed(caller, Verb.LIST, ref.cluster(), namespace, "", "events");
        boolean mayListPods = allowed(caller, Verb.LIST, ref.cluster(), namespace, "", "pods");
        return ClusterErrors.call(
                ref.cluster(), () -> describer.describe(client, type, object, namespace, mayListEvents, mayListPods));
    }

    public List<EventSummary> events(
            Caller caller,
            String cluster,
            String namespace,
            String objectKind,
            String objectName,
            boolean warningsOnly,
            int limit) {
        String ns = blankToNull(namespace);
        check(caller, Verb.LIST, cluster, ns, new ResourceType("", "v1", "Event", "events", true, List.of(), false));
        KubernetesClient client = clusters.clientAs(cluster, caller.username());
        return ClusterErrors.call(
                cluster, () -> describer.events(client, ns, objectKind, objectName, warningsOnly, limit));
    }

    public String logs(Caller caller, String cluster, String namespace, String pod, LogQuery query) {
        Loggable logs = logSource(caller, cluster, namespace, pod, query);
        return ClusterErrors.call(cluster, () -> {
            try {
                return logs.getLog();
            } catch (KubernetesClientException e) {
                throw logsUnavailable(e);
            }
        });
    }

    /**
     * Follows a pod's logs ({@code kubectl logs -f}): the last lines, then new ones as the
     * container writes them, until the container stops or the caller closes the stream. Access,
     * the pod's existence and the container are checked before anything is streamed, so those
     * failures are ordinary API errors.
     */
    public LogWatch followLogs(Caller caller, String cluster, String namespace, String pod, LogQuery query) {
        if (query.previous()) {
            throw ApiException.badRequest(
                    "invalid_request", "The previous run of a container has ended; it cannot be followed.");
        }
        Loggable logs = logSource(caller, cluster, namespace, pod, query);
        return ClusterErrors.call(cluster, () -> {
            try {
                return logs.watchLog();
            } catch (KubernetesClientException e) {
                throw logsUnavailable(e);
            }
        });
    }

    private Loggable logSource(Caller caller, String cluster, String namespace, String pod, LogQuery query) {
        if (namespace == null || namespace.isBlank()) {
            throw ApiException.badRequest("invalid_request", "namespace is required to read a pod's logs.");
        }
        access.check(new AccessRequest(caller.username(), Verb.LOGS, cluster, namespace, "", "pods"));
        int tail = query.tailLines() == null ? 500 : query.tailLines();
        if (tail < 1 || tail > MAX_LOG_LINES) {
            throw ApiException.badRequest("invalid_request", "tailLines must be between 1 and " + MAX_LOG_LINES + ".");
        }
        KubernetesClient client = clusters.clientAs(cluster, caller.username());
        return ClusterErrors.call(cluster, () -> {
            PodResource podResource = client.pods().inNamespace(namespace).withName(pod);
            if (podResource.get() == null) {
                throw ApiException.notFound(
                        "resource_not_found",
                        "There is no pod '" + pod + "' in namespace '" + namespace + "' of cluster '" + cluster + "'.");
            }
            return logSource(podResource, query.container(), query.previous(), tail, query.sinceSeconds());
        });
    }

    private static RuntimeException logsUnavailable(KubernetesClientException e) {
        if (e.getCode() == 400) {
            return ApiException.badRequest(
                    "logs_unavailable", e.getStatus() != null ? e.getStatus().getMessage() : e.getMessage());
        }
        return e;
    }

    private static Loggable logSource(
            PodResource pod, String container, boolean previous, int tail, Integer sinceSeconds) {
        // fabric8 otherwise waits up to 5 s for the pod to become Ready: never, for the
        // crash-looping pods whose logs people read most.
        ContainerResource target =
                (container == null || container.isBlank() ? pod : pod.inContainer(container)).withReadyWaitTimeout(0);
        if (previous) return target.terminated().tailingLines(tail);
        if (sinceSeconds != null) return target.sinceSeconds(sinceSeconds).tailingLines(tail);
        return target.tailingLines(tail);
    }

    /** CPU and memory of pods (one namespace or all) or nodes, from metrics.k8s.io. */
    public Metrics metrics(Caller caller, String cluster, String scope, String namespace) {
        String ns = blankToNull(namespace);
        boolean nodes = "nodes".equals(scope);
        if (!nodes && !"pods".equals(scope)) {
            throw ApiException.badRequest("invalid_request", "Metrics are for 'pods' or 'nodes', not '" + scope + "'.");
        }
        // The same rule as listing these objects of metrics.k8s.io through /resources.
        access.check(
                new AccessRequest(caller.username(), Verb.LIST, cluster, nodes ? null : ns, "metrics.k8s.io", scope));
        KubernetesClient client = clusters.clientAs(cluster, caller.username());
        try {
            List<?> items = nodes
                    ? client.top().nodes().metrics().getItems()
                    : ns == null
                            ? client.top().pods().metrics().getItems()
                            : client.top().pods().metrics(ns).getItems();
            return new Metrics(
                    scope, items.stream().map(i -> ObjectMaps.toMap(client, i)).toList());
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404 || e.getCode() == 503) {
                throw new ApiException(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "metrics_unavailable",
                        "Cluster '" + cluster
                                + "' serves no metrics.k8s.io API: install metrics-server to see CPU and memory use.");
            }
            throw ClusterErrors.translate(cluster, e);
        }
    }

    /**
     * Objects whose name contains {@code text} (and that match {@code labelSelector}), across the
     * kinds the caller may list, in one namespace or all. Kinds are searched in parallel.
     */
    public List<SearchHit> search(
            Caller caller, String cluster, String text, String labelSelector, String namespace, int limit) {
        String needle = text == null ? "" : text.toLowerCase(Locale.ROOT).strip();
        if (needle.isEmpty() && blankToNull(labelSelector) == null) {
            throw ApiException.badRequest(
                    "invalid_request", "Give a name to search for (q), a label selector, or both.");
        }
        String ns = blankToNull(namespace);
        KubernetesClient client = clusters.clientAs(cluster, caller.username());
        access.requireRoleOn(caller.username(), cluster);
        List<ResourceType> searchable = discovery.types(cluster).stream()
                .filter(t -> t.supports("list")
                        && !t.plural().equals("events")
                        && !t.group().equals("metrics.k8s.io"))
                .filter(t -> allowed(caller, Verb.LIST, cluster, t.namespaced() ? ns : null, t.group(), t.plural()))
                .toList();
        var options = new ListOptionsBuilder()
                .withLabelSelector(blankToNull(labelSelector))
                .withLimit(2000L)
                .build();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<List<SearchHit>>> perKind = searchable.stream()
                    .map(type -> CompletableFuture.supplyAsync(
                            () -> {
                                try {
                                    var resources = client.genericKubernetesResources(type.context());
                                    var list = type.namespaced() && ns != null
                                            ? resources.inNamespace(ns).list(options)
                                            : resources.inAnyNamespace().list(options);
                                    return list.getItems().stream()
                                            .filter(o -> o.getMetadata()
                                                    .getName()
                                                    .toLowerCase(Locale.ROOT)
                                                    .contains(needle))
                                            .map(o -> new SearchHit(
                                                    type.kind(),
                                                    type.group(),
                                                    o.getMetadata().getNamespace(),
                                                    o.getMetadata().getName(),
                                                    o.getMetadata().getLabels() == null
                                                            ? Map.of()
                                                            : o.getMetadata().getLabels()))
                                            .toList();
                                } catch (KubernetesClientException e) {
                                    return List.<SearchHit>of(); // a kind the cluster refuses is left out, not fatal
                                }
                            },
                            executor))
                    .toList();
            return perKind.stream()
                    .flatMap(f -> f.join().stream())
                    .sorted(Comparator.comparing((SearchHit h) ->
                                    !h.name().toLowerCase(Locale.ROOT).equals(needle))
                            .thenComparing(SearchHit::name))
                    .limit(Math.max(1, Math.min(limit, 500)))
                    .toList();
        }
    }

    /**
     * The clusters the caller holds a role on, by name: the assistant's default cluster when there
     * is only one, and the list it offers when it cannot tell which one is meant.
     */
    public List<String> clustersOf(Caller caller) {
        return clusters.list().stream()
                .map(dev.pilothouse.cluster.ClusterInfo::name)
                .filter(name -> access.hasRoleOn(caller.username(), name))
                .sorted()
                .toList();
    }

    // ---------------------------------------------------------------- shared with ResourceChanges

    void check(Caller caller, Verb verb, String cluster, String namespace, ResourceType type) {
        clusters.get(cluster);
        access.check(new AccessRequest(caller.username(), verb, cluster, namespace, type.group(), type.plural()));
    }

    boolean allowed(Caller caller, Verb verb, String cluster, String namespace, String group, String plural) {
        return access.decide(new AccessRequest(caller.username(), verb, cluster, namespace, group, plural))
                .allowed();
    }

    static String namespaceFor(ResourceType type, ObjectRef ref) {
        if (!type.namespaced()) return null;
        if (ref.namespace() == null || ref.namespace().isBlank()) {
            throw ApiException.badRequest(
                    "invalid_request",
                    type.kind() + " is a namespaced kind: say which namespace '" + ref.name() + "' is in.");
        }
        return ref.namespace();
    }

    static ApiException notFound(ResourceType type, String cluster, String namespace, String name) {
        return ApiException.notFound(
                "resource_not_found",
                "There is no " + type.kind() + " '" + name + "'"
                        + (namespace == null ? "" : " in namespace '" + namespace + "'") + " of cluster '" + cluster
                        + "'.");
    }

    private static Map<String, Object> withTypeMeta(Map<String, Object> object, ResourceType type) {
        object.putIfAbsent("apiVersion", type.apiVersion());
        object.putIfAbsent("kind", type.kind());
        return object;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
