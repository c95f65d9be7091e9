package dev.pilothouse.ai.chat;

import static dev.pilothouse.platform.Text.blankToNull;

/**
 * What the user has on screen: each part optional. Stated to the model, and the default
 * {@code cluster} of tool calls.
 */
record PageContext(String cluster, String namespace, String kind, String name) {

    static final PageContext NONE = new PageContext(null, null, null, null);

    PageContext {
        cluster = blankToNull(cluster);
        namespace = blankToNull(namespace);
        kind = blankToNull(kind);
        name = blankToNull(name);
    }

    boolean isEmpty() {
        return cluster == null && namespace == null && kind == null && name == null;
    }

    /** "cluster prod, namespace shop, Deployment checkout-api" for the system prompt. */
    String describe() {
        var parts = new java.util.ArrayList<String>();
        if (cluster != null) parts.add("cluster " + cluster);
        if (namespace != null) parts.add("namespace " + namespace);
        if (kind != null || name != null)
            parts.add((kind == null ? "resource" : kind) + (name == null ? "" : " " + name));
        return String.join(", ", parts);
    }
}
