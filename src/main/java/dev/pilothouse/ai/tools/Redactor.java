package dev.pilothouse.ai.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Removes what must never reach a model from a cluster object, before it is shaped: Secret values
 * ({@code data}, {@code stringData}: keys stay, values go, whatever the user's role), the
 * last-applied annotation (it repeats every value, a Secret's included), and env values whose
 * name says they are credentials. {@code resource} already masks Secrets for the assistant; this
 * is the second lock, decided by the resolved kind and by the object's shape, not by what the
 * object claims to be.
 */
final class Redactor {

    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    static final String HIDDEN = "[hidden]";
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(pass|secret|token|api_?key|private_?key|credential|auth|cert|signing).*");

    private Redactor() {}

    /**
     * @param resolvedSecret whether discovery resolved the kind asked for to core/v1 Secret
     * @return a deep copy without secret values
     */
    static Map<String, Object> object(Map<String, Object> object, boolean resolvedSecret) {
        Map<String, Object> copy = deepCopy(object);
        if (resolvedSecret || looksLikeSecret(copy)) {
            for (String field : List.of("data", "stringData")) {
                if (copy.get(field) instanceof Map<?, ?> values) {
                    copy.put(
                            field,
                            Map.of(
                                    "keys",
                                    new ArrayList<>(((Map<?, ?>) values).keySet()),
                                    "values",
                                    "never shown to the assistant"));
                } else {
                    copy.remove(field);
                }
            }
        }
        walk(copy);
        return copy;
    }

    static boolean looksLikeSecret(Map<String, Object> object) {
        if ("Secret".equals(object.get("kind"))) return true;
        return object.get("type") instanceof String type
                && (type.startsWith("kubernetes.io/") || type.equals("Opaque") || type.startsWith("helm.sh/"))
                && (object.containsKey("data") || object.containsKey("stringData"));
    }

    @SuppressWarnings("unchecked")
    private static void walk(Object node) {
        if (node instanceof Map<?, ?> raw) {
            Map<String, Object> map = (Map<String, Object>) raw;
            if (map.get("annotations") instanceof Map<?, ?> annotations) {
                ((Map<String, Object>) annotations).remove(LAST_APPLIED);
            }
            if (map.get("env") instanceof List<?> env) {
                for (Object entry : env) {
                    if (entry instanceof Map<?, ?> e) redactEnv((Map<String, Object>) e);
                }
            }
            map.values().forEach(Redactor::walk);
        } else if (node instanceof List<?> list) {
            list.forEach(Redactor::walk);
        }
    }

    private static void redactEnv(Map<String, Object> env) {
        Object name = env.get("name");
        if (env.get("valueFrom") instanceof Map<?, ?> from && from.get("secretKeyRef") != null) {
            env.remove("value"); // a Secret-sourced variable carries only its reference
        } else if (env.get("value") instanceof String
                && name instanceof String n
                && SECRET_NAME.matcher(n).matches()) {
            env.put("value", HIDDEN);
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T deepCopy(T node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
            return (T) copy;
        }
        if (node instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(deepCopy(v)));
            return (T) copy;
        }
        return node;
    }
}
