package dev.pilothouse.ai.tools;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** Reading plain-map Kubernetes objects without a cast on every line. */
final class Maps {

    private Maps() {}

    static Object path(Object object, String... keys) {
        Object current = object;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> map)) return null;
            current = map.get(key);
        }
        return current;
    }

    static String str(Object object, String... keys) {
        Object value = path(object, keys);
        return value == null ? null : value.toString();
    }

    static int integer(Object object, String... keys) {
        Object value = path(object, keys);
        if (value instanceof Number n) return n.intValue();
        if (value instanceof String s) {
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    static List<?> list(Object object, String... keys) {
        return path(object, keys) instanceof List<?> l ? l : List.of();
    }

    static Map<?, ?> map(Object object, String... keys) {
        return path(object, keys) instanceof Map<?, ?> m ? m : Map.of();
    }

    /** kubectl's AGE column: 45s, 12m, 5h, 3d. */
    static String age(String timestamp, Instant now) {
        if (timestamp == null) return "-";
        try {
            Duration d = Duration.between(Instant.parse(timestamp), now);
            if (d.isNegative()) return "0s";
            if (d.toSeconds() < 120) return d.toSeconds() + "s";
            if (d.toMinutes() < 120) return d.toMinutes() + "m";
            if (d.toHours() < 48) return d.toHours() + "h";
            return d.toDays() + "d";
        } catch (DateTimeParseException e) {
            return "-";
        }
    }

    /** "20 s", or "700 ms" under a second. */
    static String duration(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : d.toSeconds() + " s";
    }

    static String oneLine(String text, int max) {
        if (text == null) return "";
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
    }
}
