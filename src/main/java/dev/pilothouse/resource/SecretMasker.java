package dev.pilothouse.resource;

import dev.pilothouse.rbac.AccessControl;
import dev.pilothouse.rbac.AccessRequest;
import dev.pilothouse.rbac.Verb;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Hides the values of Kubernetes Secrets: always from the assistant (they must never reach a
 * model), and from people whose role lacks {@code get secrets/data}. Keys stay visible, values
 * become {@value #MASK}; the last-applied annotation, which repeats the values, is masked too.
 */
@Component
class SecretMasker {

    static final String MASK = "••••••";
    private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private final AccessControl access;

    SecretMasker(AccessControl access) {
        this.access = access;
    }

    boolean mayReveal(Caller caller, String cluster, String namespace) {
        return caller.via() == Caller.Channel.DASHBOARD
                && access.decide(new AccessRequest(caller.username(), Verb.GET, cluster, namespace, "", "secrets/data"))
                        .allowed();
    }

    /** The type asked for decides, not what the answer claims: list items come back without a kind. */
    static boolean isSecret(ResourceType type) {
        return type.group().isEmpty() && type.plural().equals("secrets");
    }

    private static boolean claimsSecret(Map<String, Object> object) {
        return "Secret".equals(object.get("kind"));
    }

    /** @return the object of type {@code type}, masked when it is a Secret the caller may not read */
    Map<String, Object> apply(Caller caller, String cluster, ResourceType type, Map<String, Object> object) {
        if (object == null || !(isSecret(type) || claimsSecret(object))) {
            return object;
        }
        if (mayReveal(caller, cluster, ObjectMaps.string(object, "metadata", "namespace"))) {
            return object;
        }
        return mask(object);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> mask(Map<String, Object> secret) {
        Map<String, Object> masked = new LinkedHashMap<>(secret);
        for (String field : new String[] {"data", "stringData"}) {
            if (masked.get(field) instanceof Map<?, ?> values) {
                Map<String, Object> hidden = new LinkedHashMap<>();
                values.keySet().forEach(k -> hidden.put((String) k, MASK));
                masked.put(field, hidden);
            }
        }
        if (masked.get("metadata") instanceof Map<?, ?> meta
                && meta.get("annotations") instanceof Map<?, ?> annotations
                && annotations.containsKey(LAST_APPLIED)) {
            Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) meta);
            Map<String, Object> a = new LinkedHashMap<>((Map<String, Object>) annotations);
            a.put(LAST_APPLIED, MASK);
            m.put("annotations", a);
            masked.put("metadata", m);
        }
        masked.put("valuesHidden", true);
        return masked;
    }
}
