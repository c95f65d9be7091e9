package dev.pilothouse.resource;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts fabric8 objects to plain maps for the API (fabric8's models are Jackson 2 types; the
 * API speaks Jackson 3), and removes what only the API server needs.
 */
final class ObjectMaps {

    private ObjectMaps() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> toMap(KubernetesClient client, Object object) {
        Map<String, Object> map = client.getKubernetesSerialization().convertValue(object, Map.class);
        Object metadata = map.get("metadata");
        if (metadata instanceof Map<?, ?> meta) {
            ((Map<String, Object>) meta).remove("managedFields");
        }
        return map;
    }

    /** The object as a person reviews a change: no server-managed bookkeeping, no status. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> forDiff(Map<String, Object> object) {
        if (object == null) return null;
        Map<String, Object> copy = new LinkedHashMap<>(object);
        copy.remove("status");
        if (copy.get("metadata") instanceof Map<?, ?> meta) {
            Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) meta);
            for (String key :
                    List.of("managedFields", "resourceVersion", "uid", "generation", "creationTimestamp", "selfLink")) {
                m.remove(key);
            }
            copy.put("metadata", m);
        }
        return copy;
    }

    @SuppressWarnings("unchecked")
    static Object path(Map<String, Object> object, String... keys) {
        Object current = object;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> map)) return null;
            current = ((Map<String, Object>) map).get(key);
        }
        return current;
    }

    static String string(Map<String, Object> object, String... keys) {
        Object value = path(object, keys);
        return value == null ? null : value.toString();
    }
}
