package dev.pilothouse.plugin;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A sanity check of the Kubernetes JSONPath subset that CRD printer columns use: {@code .a.b},
 * {@code [0]}, {@code [*]}, {@code ['key.with.dots']}, {@code [?(@.type=="Ready")]}. It catches
 * what authors actually get wrong (kubectl's {@code {...}} template braces, a missing leading dot,
 * unbalanced brackets or quotes); it does not evaluate the path.
 */
final class JsonPathSyntax {

    private static final Pattern NAME = Pattern.compile("(\\*|(?:[A-Za-z0-9_$-]|\\\\.)+)");
    private static final Pattern INDEX = Pattern.compile("\\*|-?\\d+|-?\\d*:-?\\d*(:-?\\d+)?|'[^']*'|\"[^\"]*\"");

    private JsonPathSyntax() {}

    /** @return what is wrong with {@code path}, or empty when it looks right */
    static Optional<String> problem(String path) {
        if (path.startsWith("{")) {
            return Optional.of(
                    "write the path without kubectl's braces, e.g. .status.phase rather than {.status.phase}");
        }
        if (!path.startsWith(".")) {
            return Optional.of("must start with '.', e.g. .status.phase");
        }
        int i = 0;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                int start = path.startsWith("..", i) ? i + 2 : i + 1;
                var name = NAME.matcher(path).region(start, path.length());
                if (!name.lookingAt()) {
                    return at(start, path, "expected a field name");
                }
                i = name.end();
            } else if (c == '[') {
                int close = closing(path, i);
                if (close < 0) return at(i, path, "'[' is never closed");
                String inside = path.substring(i + 1, close);
                if (inside.startsWith("?")) {
                    if (!inside.startsWith("?(") || !inside.endsWith(")") || inside.length() < 4) {
                        return at(i, path, "a filter is written [?(@.field==\"value\")]");
                    }
                } else if (!INDEX.matcher(inside).matches()) {
                    return at(i, path, "expected an index, *, a slice or a quoted key inside [...]");
                }
                i = close + 1;
            } else {
                return at(i, path, "unexpected '" + c + "'");
            }
        }
        return Optional.empty();
    }

    /** The ']' that closes the '[' at {@code open}, skipping brackets and parentheses inside quotes. */
    private static int closing(String path, int open) {
        int depth = 0;
        char quote = 0;
        for (int i = open; i < path.length(); i++) {
            char c = path.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '(') {
                depth++;
            } else if (c == ']' || c == ')') {
                depth--;
                if (depth == 0) return c == ']' ? i : -1;
            }
        }
        return -1;
    }

    private static Optional<String> at(int index, String path, String what) {
        return Optional.of("%s at position %d of %s".formatted(what, index + 1, path));
    }
}
