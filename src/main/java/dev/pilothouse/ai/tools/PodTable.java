package dev.pilothouse.ai.tools;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Pods as {@code kubectl get pods} shows them (READY, STATUS, RESTARTS, AGE), with STATUS worked out
 * the way kubectl does (a waiting or terminated container's reason wins over the phase) and the
 * reason an unwell pod is unwell: the container's message, the scheduler's, the last crash.
 */
final class PodTable implements KindTable {

    @Override
    public List<String> headers() {
        return List.of("READY", "STATUS", "RESTARTS", "AGE");
    }

    @Override
    public Row row(Map<String, Object> pod, Instant now) {
        List<?> containers = Maps.list(pod, "status", "containerStatuses");
        int total = Math.max(Maps.list(pod, "spec", "containers").size(), containers.size());
        int ready = 0;
        int restarts = 0;
        String status = Maps.str(pod, "status", "reason") != null
                ? Maps.str(pod, "status", "reason")
                : String.valueOf(Maps.str(pod, "status", "phase"));
        String detail = Maps.str(pod, "status", "message");
        String lastCrash = null;
        for (Object init : Maps.list(pod, "status", "initContainerStatuses")) {
            String waiting = Maps.str(init, "state", "waiting", "reason");
            if (waiting != null && !"PodInitializing".equals(waiting)) {
                status = "Init:" + waiting;
                detail = Maps.str(init, "state", "waiting", "message");
            } else if (Maps.integer(init, "state", "terminated", "exitCode") != 0) {
                status = "Init:Error";
            }
        }
        for (Object c : containers) {
            if (Boolean.TRUE.equals(Maps.path(c, "ready"))) ready++;
            restarts += Maps.integer(c, "restartCount");
            String waiting = Maps.str(c, "state", "waiting", "reason");
            String terminated = Maps.str(c, "state", "terminated", "reason");
            if (waiting != null) {
                status = waiting;
                detail = Maps.str(c, "state", "waiting", "message");
            } else if (terminated != null && !"Completed".equals(terminated)) {
                status = terminated;
                detail = Maps.str(c, "state", "terminated", "message");
            }
            String lastReason = Maps.str(c, "lastState", "terminated", "reason");
            if (lastReason != null) {
                lastCrash = "last exit: " + lastReason + " (code "
                        + Maps.integer(c, "lastState", "terminated", "exitCode") + ")";
            }
        }
        if (Maps.path(pod, "metadata", "deletionTimestamp") != null) status = "Terminating";
        if (detail == null && "Pending".equals(status)) {
            detail = KindTable.notReady(pod, "PodScheduled");
        }
        boolean fine = ("Running".equals(status) && ready == total)
                || "Succeeded".equals(status)
                || "Completed".equals(status);
        String problem = null;
        if (!fine) {
            // STATUS and READY already say what and how many; the problem column says why.
            StringBuilder why = new StringBuilder();
            if (detail != null && !detail.isBlank()) why.append(Maps.oneLine(detail, 100));
            else if ("Running".equals(status)) why.append("not ready");
            else why.append(status);
            if (lastCrash != null) why.append("; ").append(lastCrash);
            problem = why.toString();
        }
        Row row = KindTable.row(
                pod,
                status,
                problem,
                ready + "/" + total,
                status,
                restarts,
                Maps.age(Maps.str(pod, "metadata", "creationTimestamp"), now));
        String note = fine && restarts > 0
                ? "restarted " + restarts + "x" + (lastCrash == null ? "" : ", " + lastCrash)
                : null;
        return new Row(row.namespace(), row.name(), row.cells(), status, problem, note);
    }
}
