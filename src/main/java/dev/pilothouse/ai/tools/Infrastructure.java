package dev.pilothouse.ai.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Table descriptors of nodes, networking, storage, configuration, and any other kind. */
final class Infrastructure {

    private Infrastructure() {}

    private static String age(Object o, java.time.Instant now) {
        return Maps.age(Maps.str(o, "metadata", "creationTimestamp"), now);
    }

    static final KindTable NODE = KindTable.of(List.of("STATUS", "ROLES", "AGE", "VERSION"), (o, now) -> {
        String ready = KindTable.conditionStatus(o, "Ready");
        List<String> trouble = new ArrayList<>();
        if (!"True".equals(ready)) trouble.add("NotReady" + reasonOf(o, "Ready"));
        for (Object c : Maps.list(o, "status", "conditions")) {
            String type = Maps.str(c, "type");
            if (type != null && type.endsWith("Pressure") && "True".equals(Maps.str(c, "status"))) trouble.add(type);
        }
        if (Boolean.TRUE.equals(Maps.path(o, "spec", "unschedulable"))) trouble.add("SchedulingDisabled");
        String status = "True".equals(ready) ? "Ready" : "NotReady";
        List<String> roles = new ArrayList<>();
        Maps.map(o, "metadata", "labels").keySet().forEach(k -> {
            String key = k.toString();
            if (key.startsWith("node-role.kubernetes.io/")) roles.add(key.substring(24));
        });
        return KindTable.row(
                o,
                status,
                trouble.isEmpty() ? null : String.join(", ", trouble),
                status,
                roles.isEmpty() ? "<none>" : String.join(",", roles),
                age(o, now),
                Maps.str(o, "status", "nodeInfo", "kubeletVersion"));
    });

    private static String reasonOf(Object o, String type) {
        for (Object c : Maps.list(o, "status", "conditions")) {
            if (type.equals(Maps.str(c, "type"))) return ": " + Maps.oneLine(Maps.str(c, "message"), 120);
        }
        return "";
    }

    static final KindTable SERVICE =
            KindTable.of(List.of("TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"), (o, now) -> {
                List<String> ports = new ArrayList<>();
                for (Object p : Maps.list(o, "spec", "ports")) {
                    String nodePort = Maps.str(p, "nodePort");
                    ports.add(Maps.str(p, "port") + (nodePort == null ? "" : ":" + nodePort) + "/"
                            + (Maps.str(p, "protocol") == null ? "TCP" : Maps.str(p, "protocol")));
                }
                List<String> external = new ArrayList<>();
                for (Object i : Maps.list(o, "status", "loadBalancer", "ingress")) {
                    external.add(Maps.str(i, "ip") != null ? Maps.str(i, "ip") : Maps.str(i, "hostname"));
                }
                String type = Maps.str(o, "spec", "type") == null ? "ClusterIP" : Maps.str(o, "spec", "type");
                String problem = "LoadBalancer".equals(type) && external.isEmpty() ? "no external address yet" : null;
                return KindTable.row(
                        o,
                        type,
                        problem,
                        type,
                        Maps.str(o, "spec", "clusterIP"),
                        external.isEmpty() ? "<none>" : String.join(",", external),
                        String.join(",", ports),
                        age(o, now));
            });

    static final KindTable INGRESS = KindTable.of(List.of("CLASS", "HOSTS", "ADDRESS", "AGE"), (o, now) -> {
        List<String> hosts = new ArrayList<>();
        for (Object r : Maps.list(o, "spec", "rules"))
            hosts.add(Maps.str(r, "host") == null ? "*" : Maps.str(r, "host"));
        List<String> address = new ArrayList<>();
        for (Object i : Maps.list(o, "status", "loadBalancer", "ingress")) {
            address.add(Maps.str(i, "ip") != null ? Maps.str(i, "ip") : Maps.str(i, "hostname"));
        }
        return KindTable.row(
                o,
                "Ingress",
                null,
                Maps.str(o, "spec", "ingressClassName"),
                String.join(",", hosts),
                String.join(",", address),
                age(o, now));
    });

    static final KindTable PVC =
            KindTable.of(List.of("STATUS", "VOLUME", "CAPACITY", "STORAGECLASS", "AGE"), (o, now) -> {
                String phase = String.valueOf(Maps.str(o, "status", "phase"));
                return KindTable.row(
                        o,
                        phase,
                        "Bound".equals(phase) ? null : phase,
                        phase,
                        Maps.str(o, "spec", "volumeName"),
                        Maps.str(o, "status", "capacity", "storage"),
                        Maps.str(o, "spec", "storageClassName"),
                        age(o, now));
            });

    static final KindTable PV = KindTable.of(List.of("CAPACITY", "STATUS", "CLAIM", "AGE"), (o, now) -> {
        String phase = String.valueOf(Maps.str(o, "status", "phase"));
        String claim = Maps.str(o, "spec", "claimRef", "name") == null
                ? null
                : Maps.str(o, "spec", "claimRef", "namespace") + "/" + Maps.str(o, "spec", "claimRef", "name");
        return KindTable.row(
                o,
                phase,
                "Failed".equals(phase) ? phase : null,
                Maps.str(o, "spec", "capacity", "storage"),
                phase,
                claim,
                age(o, now));
    });

    static final KindTable NAMESPACE = KindTable.of(List.of("STATUS", "AGE"), (o, now) -> {
        String phase = String.valueOf(Maps.str(o, "status", "phase"));
        return KindTable.row(o, phase, "Terminating".equals(phase) ? "Terminating" : null, phase, age(o, now));
    });

    static final KindTable CONFIG_MAP = KindTable.of(
            List.of("DATA", "AGE"),
            (o, now) -> KindTable.row(
                    o,
                    "ConfigMap",
                    null,
                    Maps.map(o, "data").size() + Maps.map(o, "binaryData").size(),
                    age(o, now)));

    /** Counts keys only: the values never reach this far. */
    static final KindTable SECRET = KindTable.of(List.of("TYPE", "DATA", "AGE"), (o, now) -> {
        Object keys = Maps.path(o, "data", "keys");
        int count = keys instanceof List<?> l ? l.size() : Maps.map(o, "data").size();
        return KindTable.row(o, String.valueOf(Maps.str(o, "type")), null, Maps.str(o, "type"), count, age(o, now));
    });

    static final KindTable HPA =
            KindTable.of(List.of("REFERENCE", "MINPODS", "MAXPODS", "REPLICAS", "AGE"), (o, now) -> {
                int max = Maps.integer(o, "spec", "maxReplicas");
                int current = Maps.integer(o, "status", "currentReplicas");
                String problem = KindTable.notReady(o, "ScalingActive");
                if (problem == null && max > 0 && current >= max) problem = "at maxReplicas (" + max + ")";
                return KindTable.row(
                        o,
                        problem == null ? "OK" : "Limited",
                        problem,
                        Maps.str(o, "spec", "scaleTargetRef", "kind") + "/"
                                + Maps.str(o, "spec", "scaleTargetRef", "name"),
                        Maps.path(o, "spec", "minReplicas") == null ? 1 : Maps.integer(o, "spec", "minReplicas"),
                        max,
                        current,
                        age(o, now));
            });

    /** Any other kind, custom resources included: the Ready condition where there is one. */
    static final KindTable GENERIC =
            KindTable.of(List.of("READY", "AGE"), (Map<String, Object> o, java.time.Instant now) -> {
                String ready = KindTable.conditionStatus(o, "Ready");
                String problem = KindTable.notReady(o, "Ready");
                return KindTable.row(o, ready == null ? "-" : "Ready=" + ready, problem, ready, age(o, now));
            });
}
