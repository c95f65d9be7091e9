package dev.pilothouse.ai.tools;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One kind as a table row, the way {@code kubectl get} shows it (its default columns), plus whether
 * the object is unwell and why. One small descriptor per kind, so a list is a column config.
 */
interface KindTable {

    /** Columns after NAMESPACE and NAME. */
    List<String> headers();

    Row row(Map<String, Object> object, Instant now);

    /**
     * @param status the word counted in the summary line (Running, CrashLoopBackOff, Bound, …)
     * @param problem why the object is unwell, null when it is fine
     * @param note fine now but worth a look (a pod that restarted, and why it last exited); null otherwise
     */
    record Row(String namespace, String name, List<String> cells, String status, String problem, String note) {
        boolean unhealthy() {
            return problem != null;
        }

        boolean attention() {
            return problem == null && note != null;
        }
    }

    static KindTable forKind(String kind) {
        return switch (kind) {
            case "Pod" -> new PodTable();
            case "Deployment" -> Workloads.DEPLOYMENT;
            case "StatefulSet" -> Workloads.STATEFUL_SET;
            case "DaemonSet" -> Workloads.DAEMON_SET;
            case "ReplicaSet" -> Workloads.REPLICA_SET;
            case "Job" -> Workloads.JOB;
            case "CronJob" -> Workloads.CRON_JOB;
            case "Node" -> Infrastructure.NODE;
            case "Service" -> Infrastructure.SERVICE;
            case "Ingress" -> Infrastructure.INGRESS;
            case "PersistentVolumeClaim" -> Infrastructure.PVC;
            case "PersistentVolume" -> Infrastructure.PV;
            case "Namespace" -> Infrastructure.NAMESPACE;
            case "ConfigMap" -> Infrastructure.CONFIG_MAP;
            case "Secret" -> Infrastructure.SECRET;
            case "HorizontalPodAutoscaler" -> Infrastructure.HPA;
            default -> Infrastructure.GENERIC;
        };
    }

    /** A descriptor from a header list and a function. */
    static KindTable of(List<String> headers, RowFunction rows) {
        return new KindTable() {
            @Override
            public List<String> headers() {
                return headers;
            }

            @Override
            public Row row(Map<String, Object> object, Instant now) {
                return rows.row(object, now);
            }
        };
    }

    @FunctionalInterface
    interface RowFunction {
        Row row(Map<String, Object> object, Instant now);
    }

    static Row row(Map<String, Object> o, String status, String problem, Object... cells) {
        List<String> values = new ArrayList<>(cells.length);
        for (Object c : cells) values.add(c == null || c.toString().isEmpty() ? "-" : c.toString());
        return new Row(
                Maps.str(o, "metadata", "namespace"), Maps.str(o, "metadata", "name"), values, status, problem, null);
    }

    /** The Ready condition's reason and message when it is False: most custom resources report this way. */
    static String notReady(Map<String, Object> o, String conditionType) {
        for (Object c : Maps.list(o, "status", "conditions")) {
            if (conditionType.equals(Maps.str(c, "type")) && "False".equals(Maps.str(c, "status"))) {
                return Maps.oneLine(String.join(": ", nonNull(Maps.str(c, "reason"), Maps.str(c, "message"))), 160);
            }
        }
        return null;
    }

    static String conditionStatus(Map<String, Object> o, String conditionType) {
        for (Object c : Maps.list(o, "status", "conditions")) {
            if (conditionType.equals(Maps.str(c, "type"))) return Maps.str(c, "status");
        }
        return null;
    }

    private static List<String> nonNull(String... values) {
        List<String> out = new ArrayList<>();
        for (String v : values) if (v != null && !v.isBlank()) out.add(v);
        return out.isEmpty() ? List.of("not ready") : out;
    }
}
