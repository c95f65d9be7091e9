package dev.pilothouse.ai.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A log tail within the budget: when it does not fit, the first lines (how the process started),
 * the error and warning lines from the middle (repeats counted, not repeated) and as much of the
 * end as fits; the cut is stated. Secrets are scrubbed before anything is chosen.
 */
final class LogShaper {

    static final int MAX_LINE_CHARS = 500;
    private static final int HEAD_LINES = 5;
    private static final Pattern NOTABLE = Pattern.compile(
            "(?i)\\b(error|err|fatal|panic|exception|fail(ed|ure)?|warn(ing)?|critical|crit|oomkilled|refused|timeout|timed out|denied)\\b");

    private LogShaper() {}

    static Shaped shape(String pod, String text, int requestedTail, Budget budget) {
        List<String> raw =
                SecretScrubber.scrub(text == null ? "" : text).lines().toList();
        List<String> lines = collapse(raw);
        int total = lines.size();
        StringBuilder out = new StringBuilder();
        if (total == 0) {
            budget.force(out, "The log is empty.");
            return new Shaped(out.toString(), "Empty log of " + pod);
        }
        String all = String.join("\n", lines);
        if (budget.fits(all + "\n" + "Log of " + pod)) {
            budget.force(out, "Last " + raw.size() + " log lines of " + pod + " (tailLines " + requestedTail + "):");
            lines.forEach(l -> budget.force(out, l));
            return new Shaped(out.toString(), raw.size() + " log lines of " + pod);
        }
        int headerReserve = 120;
        budget.reserve(headerReserve);
        List<String> head = lines.subList(0, Math.min(HEAD_LINES, total));
        // The tail gets about 60% of what is left, the notable lines of the middle the rest.
        int tailBudget = (int) ((budget.remaining() - estimate(head)) * 0.6);
        List<String> tail = new ArrayList<>();
        int used = 0;
        for (int i = total - 1; i >= head.size(); i--) {
            int cost = estimate(lines.get(i));
            if (used + cost > tailBudget) break;
            tail.addFirst(lines.get(i));
            used += cost;
        }
        int middleEnd = total - tail.size();
        Map<String, Integer> notable = new LinkedHashMap<>();
        for (int i = head.size(); i < middleEnd; i++) {
            if (NOTABLE.matcher(lines.get(i)).find()) notable.merge(lines.get(i), 1, Integer::sum);
        }
        StringBuilder body = new StringBuilder();
        Budget inner = new Budget(budget.remaining());
        head.forEach(l -> inner.force(body, l));
        int notableShown = 0;
        int cutLines = middleEnd - head.size();
        inner.reserve(used);
        StringBuilder middle = new StringBuilder();
        for (var e : notable.entrySet()) {
            String line = e.getValue() > 1 ? e.getKey() + "  [×" + e.getValue() + " in the cut part]" : e.getKey();
            if (!inner.add(middle, line)) break;
            notableShown++;
        }
        budget.release(headerReserve);
        budget.force(
                out,
                "Log of " + pod + ": " + raw.size() + " lines (tailLines " + requestedTail + "), more than the "
                        + budget.limit() + "-token budget. Shown: the first " + head.size() + " lines, " + notableShown
                        + " distinct error/warning lines (of " + notable.size() + ") from the " + cutLines
                        + " cut lines in the middle, and the last " + tail.size()
                        + " lines. Narrow with sinceSeconds, a smaller tailLines, container or previous.");
        out.append(body);
        budget.force(out, "--- " + cutLines + " lines cut; their error/warning lines follow ---");
        out.append(middle);
        budget.force(out, "--- last " + tail.size() + " lines ---");
        tail.forEach(l -> out.append(l).append('\n'));
        return new Shaped(out.toString(), raw.size() + " log lines of " + pod + ", cut to fit");
    }

    private static int estimate(List<String> lines) {
        int sum = 0;
        for (String l : lines) sum += estimate(l);
        return sum;
    }

    private static int estimate(String line) {
        return dev.pilothouse.ai.provider.TokenEstimate.of(line) + 1;
    }

    /** Long lines are cut and runs of the same line become one line with a count. */
    static List<String> collapse(List<String> lines) {
        List<String> out = new ArrayList<>(lines.size());
        String previous = null;
        int repeats = 0;
        for (String raw : lines) {
            String line = raw.length() > MAX_LINE_CHARS ? raw.substring(0, MAX_LINE_CHARS) + "… [line cut]" : raw;
            if (line.equals(previous)) {
                repeats++;
                continue;
            }
            if (repeats > 0) out.add("  [previous line repeated " + repeats + " more times]");
            out.add(line);
            previous = line;
            repeats = 0;
        }
        if (repeats > 0) out.add("  [previous line repeated " + repeats + " more times]");
        return out;
    }
}
