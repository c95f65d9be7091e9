package dev.pilothouse.ai.tools;

import dev.pilothouse.ai.provider.TokenEstimate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A list of objects as the model reads it: one summary line (counts by status and namespace), then
 * a compact table with the unwell objects first and why, then those worth a look, then the healthy
 * ones while the budget lasts; whatever is cut is counted and the way to narrow it is named.
 */
final class ListShaper {

    private ListShaper() {}

    /**
     * @param kind the resolved kind
     * @param plural how the summary names them ("pods")
     * @param namespace the namespace asked for, null for all
     * @param more the cluster holds more than was fetched (a continue token came back)
     */
    static Shaped shape(
            String kind,
            String plural,
            String namespace,
            List<Map<String, Object>> items,
            boolean more,
            int limit,
            Budget budget,
            Instant now) {
        KindTable table = KindTable.forKind(kind);
        List<KindTable.Row> rows = new ArrayList<>(items.size());
        for (Map<String, Object> item : items) rows.add(table.row(item, now));
        Comparator<KindTable.Row> byName = Comparator.comparing((KindTable.Row r) -> String.valueOf(r.namespace()))
                .thenComparing(KindTable.Row::name);
        List<KindTable.Row> unhealthy =
                rows.stream().filter(KindTable.Row::unhealthy).sorted(byName).toList();
        List<KindTable.Row> attention =
                rows.stream().filter(KindTable.Row::attention).sorted(byName).toList();
        List<KindTable.Row> healthy = rows.stream()
                .filter(r -> !r.unhealthy() && !r.attention())
                .sorted(byName)
                .toList();
        boolean allNamespaces = namespace == null && rows.stream().anyMatch(r -> r.namespace() != null);

        StringBuilder out = new StringBuilder();
        String summary = summaryLine(plural, namespace, rows, unhealthy.size(), attention.size());
        budget.force(out, summary);
        if (rows.isEmpty()) {
            return new Shaped(out.toString(), "no " + plural);
        }
        List<String> headers = new ArrayList<>();
        if (allNamespaces) headers.add("NAMESPACE");
        headers.add("NAME");
        headers.addAll(table.headers());
        headers.add("PROBLEM");
        budget.force(out, String.join("\t", headers));
        budget.reserve(90); // for the statement of what was cut

        // Every unwell object is named: rows with their reasons while the names of all the rest
        // still fit, then the rest by name and status only.
        List<String> compact = unhealthy.stream()
                .map(r -> qualified(r, allNamespaces) + " " + r.status())
                .toList();
        int[] namesCost = new int[unhealthy.size() + 1];
        for (int i = unhealthy.size() - 1; i >= 0; i--) {
            namesCost[i] = namesCost[i + 1] + TokenEstimate.of(compact.get(i)) + 1;
        }
        int shownUnhealthy = 0;
        for (KindTable.Row r : unhealthy) {
            String line = line(r, allNamespaces, r.problem());
            if (!budget.fits(line)
                    || budget.remaining() - TokenEstimate.of(line) - 1 < namesCost[shownUnhealthy + 1] + 12) {
                break;
            }
            budget.add(out, line);
            shownUnhealthy++;
        }
        int unnamed = 0;
        if (shownUnhealthy < unhealthy.size()) {
            List<String> rest = compact.subList(shownUnhealthy, unhealthy.size());
            StringBuilder names = new StringBuilder("More unhealthy (no room for their reasons): ");
            int named = 0;
            for (String entry : rest) {
                // past twice the budget, even names alone are too many: count them instead
                if (TokenEstimate.of(names.toString()) > budget.limit()) break;
                names.append(entry).append(", ");
                named++;
            }
            unnamed = rest.size() - named;
            budget.force(out, names.substring(0, names.length() - 2));
        }
        int shownAttention = addRows(out, attention, allNamespaces, budget, KindTable.Row::note);
        int shownHealthy = addRows(out, healthy, allNamespaces, budget, r -> null);
        budget.release(90);

        List<String> cuts = new ArrayList<>();
        if (unnamed > 0) cuts.add(unnamed + " unhealthy");
        if (shownAttention < attention.size()) cuts.add((attention.size() - shownAttention) + " restarted");
        if (shownHealthy < healthy.size()) cuts.add((healthy.size() - shownHealthy) + " healthy");
        if (!cuts.isEmpty()) {
            budget.force(
                    out,
                    "Not shown (output budget " + budget.limit() + " tokens): " + String.join(", ", cuts)
                            + " " + plural + ". To see them, narrow with " + (namespace == null ? "namespace, " : "")
                            + "labelSelector, fieldSelector or name.");
        }
        if (more) {
            budget.force(
                    out,
                    "The cluster holds more " + plural + " than the " + limit
                            + " fetched: narrow with namespace, labelSelector or fieldSelector, or raise limit (at most 5000).");
        }
        // The chat shows it after its own label of the call: "Listed pods in shop — 12 pods, 1 unhealthy".
        String human = rows.size() + " " + plural + (unhealthy.isEmpty() ? "" : ", " + unhealthy.size() + " unhealthy");
        return new Shaped(out.toString(), human);
    }

    private static int addRows(
            StringBuilder out,
            List<KindTable.Row> rows,
            boolean allNamespaces,
            Budget budget,
            java.util.function.Function<KindTable.Row, String> problem) {
        int shown = 0;
        for (KindTable.Row r : rows) {
            if (!budget.add(out, line(r, allNamespaces, problem.apply(r)))) break;
            shown++;
        }
        return shown;
    }

    private static String line(KindTable.Row r, boolean allNamespaces, String why) {
        List<String> cells = new ArrayList<>();
        if (allNamespaces) cells.add(String.valueOf(r.namespace()));
        cells.add(r.name());
        cells.addAll(r.cells());
        if (why != null) cells.add(why);
        return String.join("\t", cells);
    }

    private static String qualified(KindTable.Row r, boolean allNamespaces) {
        return allNamespaces && r.namespace() != null ? r.namespace() + "/" + r.name() : r.name();
    }

    private static String summaryLine(
            String plural, String namespace, List<KindTable.Row> rows, int unhealthy, int attention) {
        Map<String, Long> byStatus = rows.stream()
                .collect(Collectors.groupingBy(KindTable.Row::status, TreeMap::new, Collectors.counting()));
        Map<String, Long> sortedStatus = new LinkedHashMap<>();
        byStatus.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sortedStatus.put(e.getKey(), e.getValue()));
        StringBuilder s = new StringBuilder()
                .append(rows.size())
                .append(' ')
                .append(plural)
                .append(namespace == null ? "" : " in namespace " + namespace);
        if (rows.isEmpty()) return s.append('.').toString();
        s.append(": ").append(join(sortedStatus, 12));
        if (namespace == null) {
            Map<String, Long> byNamespace = rows.stream()
                    .filter(r -> r.namespace() != null)
                    .collect(Collectors.groupingBy(KindTable.Row::namespace, TreeMap::new, Collectors.counting()));
            if (!byNamespace.isEmpty()) {
                s.append(". By namespace (")
                        .append(byNamespace.size())
                        .append("): ")
                        .append(join(byNamespace, 15));
            }
        }
        s.append(". Unhealthy: ").append(unhealthy);
        if (attention > 0) s.append("; restarted but running: ").append(attention);
        return s.append('.').toString();
    }

    private static String join(Map<String, Long> counts, int max) {
        String shown = counts.entrySet().stream()
                .limit(max)
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        return counts.size() > max ? shown + ", +" + (counts.size() - max) + " more" : shown;
    }
}
