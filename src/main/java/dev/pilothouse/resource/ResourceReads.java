package dev.pilothouse.resource;

import static dev.pilothouse.platform.Text.blankToNull;

import dev.pilothouse.platform.ApiException;
import dev.pilothouse.rbac.NamespaceScope;
import dev.pilothouse.rbac.Verb;
import dev.pilothouse.resource.ResourceQueries.Description;
import dev.pilothouse.resource.ResourceQueries.EventQuery;
import dev.pilothouse.resource.ResourceQueries.EventSummary;
import dev.pilothouse.resource.ResourceQueries.ListQuery;
import dev.pilothouse.resource.ResourceQueries.ListResult;
import dev.pilothouse.resource.ResourceQueries.LogQuery;
import dev.pilothouse.resource.ResourceQueries.Metrics;
import dev.pilothouse.resource.ResourceQueries.MetricsQuery;
import dev.pilothouse.resource.ResourceQueries.SearchHit;
import dev.pilothouse.resource.ResourceQueries.SearchQuery;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
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
    private static final ResourceType EVENTS = new ResourceType("", "v1", "Event", "events", true, List.of(), false);
    private static final ResourceType PODS = new ResourceType("", "v1", "Pod", "pods", true, List.of(), false);

    private final ResourceAccess access;
    private final SecretMasker secrets;
    private final Describer describer;

    ResourceReads(ResourceAccess access, SecretMasker secrets, Describer describer) {
        this.access = access;
        this.secrets = secrets;
        this.describer = describer;
    }

    /** The kinds a cluster serves, built-in and custom. */
    public List<ResourceType> kinds(Caller caller, String cluster) {
        return access.open(caller, cluster).kinds();
    }

    public ListResult list(Caller caller, String cluster, String kind, String group, ListQuery query) {
        ResourceAccess.Call call = access.open(caller, cluster);
        String requested = KubeNames.namespace("namespace", query.namespace());
        ResourceType type = call.kind(kind, group);
        int limit = query.limit() == null ? 500 : query.limit();
        if (limit < 1 || limit > MAX_LIST) {
            throw ApiException.badRequest("invalid_request", "limit must be between 1 and " + MAX_LIST + ".");
        }
        String namespace = type.namespaced() ? requested : null;
        if (type.namespaced() && namespace == null) {
            // A user bound to some namespaces sees those, instead of a refusal of the whole list.
            NamespaceScope scope = call.namespaces(Verb.LIST, type);
            if (!scope.all() && !scope.names().isEmpty()) {
                List<Map<String, Object>> items = new ArrayList<>();
                for (String ns : scope.names().stream().sorted().toList()) {
                    items.addAll(listIn(call, type, ns, query, limit, null).items());
                }
                return new ListResult(type, items.size() > limit ? items.subList(0, limit) : items, null, null);
            }
        }
        return listIn(call, type, namespace, query, limit, blankToNull(query.continueToken()));
    }

    /** One list call; pages are not continued across namespaces. */
    private ListResult listIn(
            ResourceAccess.Call call,
            ResourceType type,
            String namespace,
            ListQuery query,
            int limit,
            String continueToken) {
        call.check(Verb.LIST, namespace, type);
        KubernetesClient client = call.client();
        var options = new ListOptionsBuilder()
                .withLimit((long) limit)
                .withContinue(continueToken)
                .withLabelSelector(blankToNull(query.labelSelector()))
                .withFieldSelector(blankToNull(query.fieldSelector()))
                .build();
        var list = ClusterErrors.call(call.name(), () -> {
            var resources = client.genericKubernetesResources(type.context());
            return namespace == null
                    ? resources.inAnyNamespace().list(options)
                    : resources.inNamespace(namespace).list(options);
        });
        call.expectList(type, list.getKind());
        List<Map<String, Object>> items = new ArrayList<>(list.getItems().size());
        for (GenericKubernetesResource item : list.getItems()) {
            items.add(shown(call, type, ObjectMaps.toMap(client, item)));
        }
        return new ListResult(
                type,
                items,
                blankToNull(list.getMetadata().getContinue()),
                list.getMetadata().getResourceVersion());
    }

    public Map<String, Object> get(Caller caller, ObjectRef ref) {
        ResourceAccess.Call call = access.open(caller, ref.cluster());
        return get(call, call.object(ref, Verb.GET));
    }

    private Map<String, Object> get(ResourceAccess.Call call, ResourceAccess.Target target) {
        KubernetesClient client = call.client();
        ResourceType type = target.type();
        GenericKubernetesResource object = ClusterErrors.call(call.name(), () -> {
            var resources = client.genericKubernetesResources(type.context());
            return target.namespace() == null
                    ? resources.withName(target.name()).get()
                    : resources
                            .inNamespace(target.namespace())
                            .withName(target.name())
                            .get();
        });
        if (object == null) {
            throw call.notFound(type, target.namespace(), target.name());
        }
        return shown(call, type, ObjectMaps.toMap(client, object));
    }

    /** Checked to be of the type asked for, then masked by that type. */
    private Map<String, Object> shown(ResourceAccess.Call call, ResourceType type, Map<String, Object> object) {
        return secrets.apply(call.caller(), call.name(), type, call.expect(type, object));
    }

    public String getYaml(Caller caller, ObjectRef ref) {
        ResourceAccess.Call call = access.open(caller, ref.cluster());
        Map<String, Object> object = get(call, call.object(ref, Verb.GET));
        return call.system().getKubernetesSerialization().asYaml(object);
    }

    public Description describe(Caller caller, ObjectRef ref) {
        ResourceAccess.Call call = access.open(caller, ref.cluster());
        ResourceAccess.Target target = call.object(ref, Verb.GET);
        Map<String, Object> object = get(call, target);
        String namespace = target.namespace();
        boolean mayListEvents = call.allowed(Verb.LIST, namespace, "", "events");
        boolean mayListPods = call.allowed(Verb.LIST, namespace, "", "pods");
        return ClusterErrors.call(
                call.name(),
                () -> describer.describe(call.client(), target.type(), object, namespace, mayListEvents, mayListPods));
    }

    /** Same as {@link #events(Caller, String, EventQuery)}. */
    public List<EventSummary> events(
            Caller caller,
            String cluster,
            String namespace,
            String objectKind,
            String objectName,
            boolean warningsOnly,
            int limit) {
        return events(caller, cluster, new EventQuery(namespace, objectKind, objectName, warningsOnly, limit));
    }

    public List<EventSummary> events(Caller caller, String cluster, EventQuery query) {
        ResourceAccess.Call call = access.open(caller, cluster);
        String ns = KubeNames.namespace("namespace", query.namespace());
        String name = query.name() == null || query.name().isBlank() ? null : KubeNames.anyName("name", query.name());
        call.check(Verb.LIST, ns, EVENTS);
        String kind = blankToNull(query.kind());
        return ClusterErrors.call(
                call.name(), () -> describer.events(call.client(), ns, kind, name, query.warnings(), query.limit()));
    }

    public String logs(Caller caller, String cluster, String namespace, String pod, LogQuery query) {
        ResourceAccess.Call call = access.open(caller, cluster);
        Loggable logs = logSource(call, namespace, pod, query);
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
        ResourceAccess.Call call = access.open(caller, cluster);
        if (query.previous()) {
            throw ApiException.badRequest(
                    "invalid_request", "The previous run of a container has ended; it cannot be followed.");
        }
        Loggable logs = logSource(call, namespace, pod, query);
        return ClusterErrors.call(cluster, () -> {
            try {
                return logs.watchLog();
            } catch (KubernetesClientException e) {
                throw logsUnavailable(e);
            }
        });
    }

    private Loggable logSource(ResourceAccess.Call call, String namespace, String pod, LogQuery query) {
        String ns = KubeNames.namespace("namespace", namespace);
        KubeNames.nameOf(PODS, "name", pod);
        String container = KubeNames.container("container", query.container());
        if (ns == null) {
            throw new ApiException.InvalidField(
                    "invalid_request", "namespace", "namespace is required to read a pod's logs.");
        }
        call.check(Verb.LOGS, ns, "", "pods");
        int tail = query.tailLines() == null ? 500 : query.tailLines();
        if (tail < 1 || tail > MAX_LOG_LINES) {
            throw ApiException.badRequest("invalid_request", "tailLines must be between 1 and " + MAX_LOG_LINES + ".");
        }
        KubernetesClient client = call.client();
        return ClusterErrors.call(call.name(), () -> {
            PodResource podResource = client.pods().inNamespace(ns).withName(pod);
            Pod found = podResource.get();
            if (found == null) {
                throw ApiException.notFound(
                        "resource_not_found",
                        "There is no pod '" + pod + "' in namespace '" + ns + "' of cluster '" + call.name() + "'.");
            }
            String why = PodLogs.whyNone(found, container, query.previous());
            if (why != null) {
                // Said here, as JSON: a follow would otherwise stream the API server's error as log text.
                throw ApiException.badRequest("logs_unavailable", why);
            }
            return logSource(podResource, container, query.previous(), tail, query.sinceSeconds());
        });
    }

    private static RuntimeException logsUnavailable(KubernetesClientException e) {
        if (e.getCode() == 400) {
            String message = e.getStatus() != null && e.getStatus().getMessage() != null
                    ? e.getStatus().getMessage()
                    : "the cluster has no logs for this container now";
            return ApiException.badRequest("logs_unavailable", "No logs: " + message + ".");
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

    /** Same as {@link #metrics(Caller, String, MetricsQuery)}. */
    public Metrics metrics(Caller caller, String cluster, String scope, String namespace) {
        return metrics(caller, cluster, new MetricsQuery(scope, namespace));
    }

    /** CPU and memory of pods (one namespace or all) or nodes, from metrics.k8s.io. */
    public Metrics metrics(Caller caller, String cluster, MetricsQuery query) {
        ResourceAccess.Call call = access.open(caller, cluster);
        String scope = query.scope();
        String ns = KubeNames.namespace("namespace", query.namespace());
        boolean nodes = "nodes".equals(scope);
        if (!nodes && !"pods".equals(scope)) {
            throw ApiException.badRequest(
                    "invalid_request",
                    "Metrics are for 'pods' or 'nodes', not '" + KubeNames.shown(String.valueOf(scope)) + "'.");
        }
        // The same rule as listing these objects of metrics.k8s.io through /resources.
        call.check(Verb.LIST, nodes ? null : ns, "metrics.k8s.io", scope);
        KubernetesClient client = call.client();
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

    /** Same as {@link #search(Caller, String, SearchQuery)}. */
    public List<SearchHit> search(
            Caller caller, String cluster, String text, String labelSelector, String namespace, int limit) {
        return search(caller, cluster, new SearchQuery(text, labelSelector, namespace, limit));
    }

    /**
     * Objects whose name contains {@code q} (and that match {@code labelSelector}), across the
     * kinds the caller may list, in one namespace or all. Kinds are searched in parallel.
     */
    public List<SearchHit> search(Caller caller, String cluster, SearchQuery query) {
        ResourceAccess.Call call = access.open(caller, cluster);
        String ns = KubeNames.namespace("namespace", query.namespace());
        String needle =
                query.q() == null ? "" : query.q().toLowerCase(Locale.ROOT).strip();
        String labelSelector = blankToNull(query.labelSelector());
        if (needle.isEmpty() && labelSelector == null) {
            throw ApiException.badRequest(
                    "invalid_request", "Give a name to search for (q), a label selector, or both.");
        }
        List<ResourceType> searchable = call.kinds().stream()
                .filter(t -> t.supports("list")
                        && !t.plural().equals("events")
                        && !t.group().equals("metrics.k8s.io"))
                .filter(t -> call.allowed(Verb.LIST, t.namespaced() ? ns : null, t))
                .toList();
        KubernetesClient client = call.client();
        var options = new ListOptionsBuilder()
                .withLabelSelector(labelSelector)
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
                    .limit(Math.max(1, Math.min(query.limit(), 500)))
                    .toList();
        }
    }

    /**
     * The clusters the caller holds a role on, by name: the assistant's default cluster when there
     * is only one, and the list it offers when it cannot tell which one is meant.
     */
    public List<String> clustersOf(Caller caller) {
        return access.clustersOf(caller);
    }
}
