package dev.pilothouse.resource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.ArrayList;
import java.util.List;

/** Why a pod's container has no logs to show, read from the pod's status, in a person's words. */
final class PodLogs {

    private PodLogs() {}

    /** @return null when there are logs to read */
    static String whyNone(Pod pod, String container, boolean previous) {
        String name = pod.getMetadata().getName();
        List<String> names = new ArrayList<>();
        if (pod.getSpec() != null) {
            for (Container c : pod.getSpec().getContainers()) names.add(c.getName());
        }
        String target = container;
        if (target == null) {
            if (names.size() != 1) {
                return "Pod '" + name + "' has " + names.size() + " containers (" + String.join(", ", names)
                        + "): say which one with container=.";
            }
            target = names.getFirst();
        }
        ContainerStatus status = null;
        var podStatus = pod.getStatus();
        if (podStatus != null) {
            List<ContainerStatus> all = new ArrayList<>();
            if (podStatus.getContainerStatuses() != null) all.addAll(podStatus.getContainerStatuses());
            if (podStatus.getInitContainerStatuses() != null) all.addAll(podStatus.getInitContainerStatuses());
            for (ContainerStatus s : all) if (target.equals(s.getName())) status = s;
        }
        boolean ranBefore = status != null
                && status.getLastState() != null
                && status.getLastState().getTerminated() != null;
        if (previous) {
            return ranBefore
                    ? null
                    : "Container '" + target + "' of pod '" + name
                            + "' has not restarted: there is no previous run to show.";
        }
        if (status == null) {
            String phase = podStatus == null ? null : podStatus.getPhase();
            if (!"Pending".equals(phase)) return null; // the API server knows best
            return "Pod '" + name + "' is Pending" + unscheduled(podStatus) + ": container '" + target
                    + "' has not started, so there are no logs yet.";
        }
        var state = status.getState();
        if (state != null && state.getWaiting() != null && !ranBefore && state.getTerminated() == null) {
            var waiting = state.getWaiting();
            return "Container '" + target + "' of pod '" + name + "' is waiting to start"
                    + (waiting.getReason() == null ? "" : " (" + waiting.getReason() + ")")
                    + (waiting.getMessage() == null ? "" : ": " + waiting.getMessage())
                    + "; there are no logs yet.";
        }
        return null;
    }

    private static String unscheduled(io.fabric8.kubernetes.api.model.PodStatus status) {
        if (status == null || status.getConditions() == null) return "";
        for (PodCondition c : status.getConditions()) {
            if ("PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())) {
                return " (" + c.getReason() + (c.getMessage() == null ? "" : ": " + c.getMessage()) + ")";
            }
        }
        return "";
    }
}
