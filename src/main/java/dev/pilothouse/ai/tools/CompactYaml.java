package dev.pilothouse.ai.tools;

import java.util.List;
import java.util.Map;

/**
 * YAML as a person skims it, for the model: no quotes unless needed, no document markers, empty
 * values left out. Not meant to be parsed back; meant to be read in few tokens.
 */
final class CompactYaml {

    private CompactYaml() {}

    static String render(Object node) {
        StringBuilder out = new StringBuilder();
        write(out, node, 0);
        return out.toString();
    }

    private static void write(StringBuilder out, Object node, int indent) {
        if (node instanceof Map<?, ?> map) {
            for (var e : map.entrySet()) {
                if (isEmpty(e.getValue())) continue;
                pad(out, indent).append(e.getKey()).append(':');
                value(out, e.getValue(), indent);
            }
        } else if (node instanceof List<?> list) {
            for (Object item : list) {
                if (isEmpty(item)) continue;
                pad(out, indent).append('-');
                if (item instanceof Map<?, ?> m && !m.isEmpty()) {
                    // "- key: value" with the rest of the map aligned under the first key
                    StringBuilder inner = new StringBuilder();
                    write(inner, item, indent + 2);
                    out.append(' ').append(inner.substring(indent + 2));
                } else {
                    value(out, item, indent);
                }
            }
        } else {
            pad(out, indent).append(scalar(node)).append('\n');
        }
    }

    private static void value(StringBuilder out, Object value, int indent) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            if (value instanceof List<?> list && list.stream().allMatch(CompactYaml::isScalar)) {
                out.append(" [");
                for (int i = 0; i < list.size(); i++)
                    out.append(i == 0 ? "" : ", ").append(scalar(list.get(i)));
                out.append("]\n");
                return;
            }
            out.append('\n');
            write(out, value, indent + 2);
        } else if (value instanceof String s && s.contains("\n")) {
            out.append(" |\n");
            for (String line : s.strip().split("\n"))
                pad(out, indent + 2).append(line).append('\n');
        } else {
            out.append(' ').append(scalar(value)).append('\n');
        }
    }

    private static boolean isScalar(Object o) {
        return !(o instanceof Map<?, ?>) && !(o instanceof List<?>);
    }

    static boolean isEmpty(Object o) {
        return o == null
                || (o instanceof Map<?, ?> m && m.isEmpty())
                || (o instanceof List<?> l && l.isEmpty())
                || (o instanceof String s && s.isEmpty());
    }

    private static String scalar(Object o) {
        return o == null ? "" : o.toString();
    }

    private static StringBuilder pad(StringBuilder out, int indent) {
        return out.repeat(' ', indent);
    }
}
