package dev.pilothouse.ai.tools;

import java.util.List;

/** Table descriptors of workload kinds: kubectl's columns, unwell when replicas are missing. */
final class Workloads {

    private Workloads() {}

    private static String age(Object o, java.time.Instant now) {
        return Maps.age(Maps.str(o, "metadata", "creationTimestamp"), now);
    }

    private static String missing(int have, int want, String what, String condition) {
        if (have >= want) return null;
        return (want - have) + " of " + want + " " + what + (condition == null ? "" : "; " + condition);
    }

    static final KindTable DEPLOYMENT = KindTable.of(List.of("READY", "UP-TO-DATE", "AVAILABLE", "AGE"), (o, now) -> {
        int want = Maps.path(o, "spec", "replicas") == null ? 1 : Maps.integer(o, "spec", "replicas");
        int ready = Maps.integer(o, "status", "readyReplicas");
        int available = Maps.integer(o, "status", "availableReplicas");
        String problem = missing(available, want, "replicas unavailable", condition(o));
        return KindTable.row(
                o,
                problem == null ? "Available" : "Unavailable",
                problem,
                ready + "/" + want,
                Maps.integer(o, "status", "updatedReplicas"),
                available,
                age(o, now));
    });

    static final KindTable STATEFUL_SET = KindTable.of(List.of("READY", "AGE"), (o, now) -> {
        int want = Maps.path(o, "spec", "replicas") == null ? 1 : Maps.integer(o, "spec", "replicas");
        int ready = Maps.integer(o, "status", "readyReplicas");
        String problem = missing(ready, want, "replicas not ready", null);
        return KindTable.row(o, problem == null ? "Ready" : "NotReady", problem, ready + "/" + want, age(o, now));
    });

    static final KindTable DAEMON_SET =
            KindTable.of(List.of("DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"), (o, now) -> {
                int want = Maps.integer(o, "status", "desiredNumberScheduled");
                int ready = Maps.integer(o, "status", "numberReady");
                String problem = missing(ready, want, "pods not ready", null);
                return KindTable.row(
                        o,
                        problem == null ? "Ready" : "NotReady",
                        problem,
                        want,
                        Maps.integer(o, "status", "currentNumberScheduled"),
                        ready,
                        Maps.integer(o, "status", "updatedNumberScheduled"),
                        Maps.integer(o, "status", "numberAvailable"),
                        age(o, now));
            });

    static final KindTable REPLICA_SET = KindTable.of(List.of("DESIRED", "CURRENT", "READY", "AGE"), (o, now) -> {
        int want = Maps.integer(o, "spec", "replicas");
        int ready = Maps.integer(o, "status", "readyReplicas");
        String problem = missing(ready, want, "replicas not ready", KindTable.notReady(o, "ReplicaFailure"));
        return KindTable.row(
                o,
                problem == null ? "Ready" : "NotReady",
                problem,
                want,
                Maps.integer(o, "status", "replicas"),
                ready,
                age(o, now));
    });

    static final KindTable JOB = KindTable.of(List.of("STATUS", "COMPLETIONS", "AGE"), (o, now) -> {
        int want = Maps.path(o, "spec", "completions") == null ? 1 : Maps.integer(o, "spec", "completions");
        int done = Maps.integer(o, "status", "succeeded");
        String failed = "True".equals(KindTable.conditionStatus(o, "Failed")) ? failedWhy(o) : null;
        String status = failed != null ? "Failed" : done >= want ? "Complete" : "Running";
        return KindTable.row(o, status, failed, status, done + "/" + want, age(o, now));
    });

    static final KindTable CRON_JOB = KindTable.of(
            List.of("SCHEDULE", "SUSPEND", "ACTIVE", "LAST-SCHEDULE", "AGE"),
            (o, now) -> KindTable.row(
                    o,
                    Boolean.TRUE.equals(Maps.path(o, "spec", "suspend")) ? "Suspended" : "Active",
                    null,
                    Maps.str(o, "spec", "schedule"),
                    Boolean.TRUE.equals(Maps.path(o, "spec", "suspend")),
                    Maps.list(o, "status", "active").size(),
                    Maps.age(Maps.str(o, "status", "lastScheduleTime"), now),
                    age(o, now)));

    private static String failedWhy(Object o) {
        for (Object c : Maps.list(o, "status", "conditions")) {
            if ("Failed".equals(Maps.str(c, "type"))) {
                return Maps.oneLine("Failed: " + Maps.str(c, "reason") + " " + Maps.str(c, "message"), 160);
            }
        }
        return "Failed";
    }

    /** Why a Deployment is short of replicas, from its conditions. */
    private static String condition(java.util.Map<String, Object> o) {
        String progressing = KindTable.notReady(o, "Progressing");
        return progressing != null ? progressing : KindTable.notReady(o, "Available");
    }
}
