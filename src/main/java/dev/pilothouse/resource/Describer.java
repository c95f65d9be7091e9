package dev.pilothouse.resource;

import dev.pilothouse.resource.ResourceQueries.Description;
import dev.pilothouse.resource.ResourceQueries.EventSummary;
import dev.pilothouse.resource.ResourceQueries.PodSummary;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * What `kubectl describe` tells a person, as data: the object, the events about it (and, for
 * workloads, about their pods), the pods with the reason each is not well, and short notes for
 * problems visible only by comparing objects (a Service whose selector matches no pod).
 */
@Component
class Describer {

    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job");

    Description describe(
            KubernetesClient client,
            ResourceType type,
            Map<String, Object> object,
            String namespace,
            boolean mayListEvents,
            boolean mayListPods) {
        String name = ObjectMaps.string(object, "metadata", "name");
        List<PodSummary> pods = List.of();
        List<String> notes = new ArrayList<>();
        Map<String, String> selector = selector(type.kind(), object);
        if (mayListPods && namespace != null && selector != null && !selector.isEmpty()) {
            pods = client.pods().inNamespace(namespace).withLabels(selector).list().getItems().stream()
                    .map(Describer::summarize)
                    .toList();
            if (pods.isEmpty() && type.kind().equals("Service")) {
                notes.add("The selector " + selector + " matches no pods in namespace " + namespace
                        + ", so this Service has no endpoints and connections to it fail.");
            }
        } else if (mayListPods && type.kind().equals("Pod")) {
            pods = List.of(summarize(
                    client.pods().inNamespace(namespace).withName(name).get()));
        }
        List<EventSummary> events = List.of();
        if (mayListEvents && namespace != null) {
            Set<String> names = new java.util.HashSet<>();
            names.add(name);
            pods.forEach(p -> names.add(p.name()));
            events = allEvents(client, namespace).stream()
                    .filter(e -> names.contains(e.objectName()))
                    .sorted(Comparator.comparing(
                            EventSummary::lastSeen, Comparator.nullsLast(Comparator.reverseOrder())))
                    .limit(100)
                    .toList();
        }
        return new Description(object, events, pods, notes);
    }

    List<EventSummary> events(
            KubernetesClient client,
            String namespace,
            String objectKind,
            String objectName,
            boolean warningsOnly,
            int limit) {
        return allEvents(client, namespace).stream()
                .filter(e -> !warningsOnly || "Warning".equals(e.type()))
                .filter(e -> objectKind == null || objectKind.equalsIgnoreCase(e.objectKind()))
                .filter(e -> objectName == null || objectName.equals(e.objectName()))
                .sorted(Comparator.comparing(EventSummary::lastSeen, Comparator.nullsLast(Comparator.reverseOrder())))
                .limit(Math.max(1, Math.min(limit, 1000)))
                .toList();
    }

    private static List<EventSummary> allEvents(KubernetesClient client, String namespace) {
        var events = namespace == null
                ? client.v1().events().inAnyNamespace().list().getItems()
                : client.v1().events().inNamespace(namespace).list().getItems();
        return events.stream().map(Describer::summarize).toList();
    }

    static EventSummary summarize(Event e) {
        var involved = e.getInvolvedObject();
        String last = e.getLastTimestamp() != null
                ? e.getLastTimestamp()
                : e.getEventTime() != null
                        ? e.getEventTime().getTime()
                        : e.getMetadata().getCreationTimestamp();
        return new EventSummary(
                e.getType(),
                e.getReason(),
                e.getMessage(),
                e.getMetadata().getNamespace(),
                involved == null ? null : involved.getKind(),
                involved == null ? null : involved.getName(),
                e.getCount() == null ? 1 : e.getCount(),
                e.getFirstTimestamp(),
                last,
                e.getSource() == null
                        ? e.getReportingComponent()
                        : e.getSource().getComponent());
    }

    static PodSummary summarize(Pod pod) {
        var status = pod.getStatus();
        List<ContainerStatus> containers =
                status == null || status.getContainerStatuses() == null ? List.of() : status.getContainerStatuses();
        int total = pod.getSpec() == null
                ? containers.size()
                : pod.getSpec().getContainers().size();
        long ready = containers.stream()
                .filter(c -> Boolean.TRUE.equals(c.getReady()))
                .count();
        int restarts = containers.stream()
                .mapToInt(c -> c.getRestartCount() == null ? 0 : c.getRestartCount())
                .sum();
        String reason = null;
        String message = null;
        for (ContainerStatus c : containers) {
            if (c.getState() != null && c.getState().getWaiting() != null) {
                reason = c.getState().getWaiting().getReason();
                message = c.getState().getWaiting().getMessage();
                break;
            }
            if (c.getState() != null && c.getState().getTerminated() != null) {
                reason = c.getState().getTerminated().getReason();
                message = c.getState().getTerminated().getMessage();
                break;
            }
        }
        if (reason == null && status != null && status.getConditions() != null) {
            for (PodCondition condition : status.getConditions()) {
                if ("PodScheduled".equals(condition.getType()) && "False".equals(condition.getStatus())) {
                    reason = condition.getReason();
                    message = condition.getMessage();
                }
            }
        }
        return new PodSummary(
                pod.getMetadata().getName(),
                pod.getMetadata().getNamespace(),
                status == null ? null : status.getPhase(),
                ready + "/" + total,
                restarts,
                reason,
                message,
                pod.getSpec() == null ? null : pod.getSpec().getNodeName(),
                pod.getMetadata().getCreationTimestamp());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> selector(String kind, Map<String, Object> object) {
        Object selector = kind.equals("Service")
                ? ObjectMaps.path(object, "spec", "selector")
                : WORKLOADS.contains(kind) ? ObjectMaps.path(object, "spec", "selector", "matchLabels") : null;
        if (!(selector instanceof Map<?, ?> map)) return null;
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        ((Map<String, Object>) map).forEach((k, v) -> labels.put(k, Objects.toString(v)));
        return labels;
    }
}
