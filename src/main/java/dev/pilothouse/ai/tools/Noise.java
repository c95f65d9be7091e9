package dev.pilothouse.ai.tools;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code kubectl describe} leaves out: bookkeeping only the API server needs (managedFields,
 * uid, resourceVersion, generation) and defaults every pod carries (the service-account token
 * volume, the standard tolerations, termination-message settings). Applied to redacted copies.
 */
final class Noise {

    private static final Set<String> METADATA_NOISE =
            Set.of("managedFields", "uid", "resourceVersion", "generation", "selfLink", "generateName");
    private static final Set<String> CONTAINER_NOISE =
            Set.of("terminationMessagePath", "terminationMessagePolicy", "imagePullPolicy");
    private static final Map<String, Object> POD_SPEC_DEFAULTS = Map.of(
            "dnsPolicy", "ClusterFirst",
            "schedulerName", "default-scheduler",
            "restartPolicy", "Always",
            "terminationGracePeriodSeconds", 30,
            "enableServiceLinks", true,
            "preemptionPolicy", "PreemptLowerPriority",
            "priority", 0);

    private Noise() {}

    /** @param object a redacted deep copy; changed in place and returned */
    @SuppressWarnings("unchecked")
    static Map<String, Object> strip(Map<String, Object> object, Instant now) {
        if (object.get("metadata") instanceof Map<?, ?> raw) {
            Map<String, Object> meta = (Map<String, Object>) raw;
            METADATA_NOISE.forEach(meta::remove);
            Object created = meta.remove("creationTimestamp");
            if (created != null) meta.put("age", Maps.age(created.toString(), now));
            if (meta.remove("ownerReferences") instanceof List<?> owners && !owners.isEmpty()) {
                meta.put(
                        "controlledBy",
                        owners.stream()
                                .map(o -> Maps.str(o, "kind") + "/" + Maps.str(o, "name"))
                                .toList());
            }
        }
        podSpecs(object);
        if (object.get("status") instanceof Map<?, ?> status) compactStatus((Map<String, Object>) status);
        return object;
    }

    /**
     * Conditions as one line each ("Ready=False (ContainersNotReady: containers with unready
     * status: [web])"), and container statuses without runtime ids, which no person reads.
     */
    @SuppressWarnings("unchecked")
    private static void compactStatus(Map<String, Object> status) {
        if (status.get("conditions") instanceof List<?> conditions) {
            status.put(
                    "conditions",
                    conditions.stream()
                            .map(c -> {
                                String why = String.join(
                                        ": ",
                                        java.util.stream.Stream.of(Maps.str(c, "reason"), Maps.str(c, "message"))
                                                .filter(x -> x != null && !x.isBlank())
                                                .toList());
                                return Maps.str(c, "type") + "=" + Maps.str(c, "status")
                                        + (why.isEmpty() ? "" : " (" + Maps.oneLine(why, 200) + ")");
                            })
                            .toList());
        }
        for (String key : List.of("containerStatuses", "initContainerStatuses")) {
            if (status.get(key) instanceof List<?> statuses) {
                for (Object s : statuses) {
                    if (s instanceof Map<?, ?> m) {
                        m.remove("containerID");
                        m.remove("imageID");
                    }
                }
            }
        }
    }

    /** Pod specs appear in pods, workloads' templates and CronJobs' job templates. */
    @SuppressWarnings("unchecked")
    private static void podSpecs(Object node) {
        if (!(node instanceof Map<?, ?> raw)) {
            if (node instanceof List<?> list) list.forEach(Noise::podSpecs);
            return;
        }
        Map<String, Object> map = (Map<String, Object>) raw;
        if (map.get("containers") instanceof List<?> containers) {
            POD_SPEC_DEFAULTS.forEach((k, v) -> {
                if (v.equals(map.get(k))) map.remove(k);
            });
            map.remove("serviceAccount"); // the deprecated twin of serviceAccountName
            if (map.get("securityContext") instanceof Map<?, ?> sc && sc.isEmpty()) map.remove("securityContext");
            removeTokenVolumes(map);
            removeDefaultTolerations(map);
            for (Object c : containers) {
                if (c instanceof Map<?, ?> container) {
                    CONTAINER_NOISE.forEach(container::remove);
                    if (container.get("volumeMounts") instanceof List<?> mounts) {
                        mounts.removeIf(m -> String.valueOf(Maps.str(m, "mountPath"))
                                .startsWith("/var/run/secrets/kubernetes.io/serviceaccount"));
                    }
                }
            }
        }
        map.values().forEach(Noise::podSpecs);
    }

    private static void removeTokenVolumes(Map<String, Object> spec) {
        if (spec.get("volumes") instanceof List<?> volumes) {
            volumes.removeIf(v -> String.valueOf(Maps.str(v, "name")).startsWith("kube-api-access-"));
        }
    }

    private static void removeDefaultTolerations(Map<String, Object> spec) {
        if (spec.get("tolerations") instanceof List<?> tolerations) {
            for (Iterator<?> it = tolerations.iterator(); it.hasNext(); ) {
                String key = Maps.str(it.next(), "key");
                if ("node.kubernetes.io/not-ready".equals(key) || "node.kubernetes.io/unreachable".equals(key)) {
                    it.remove();
                }
            }
        }
    }
}
