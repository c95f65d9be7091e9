package dev.pilothouse.ai.tools;

import dev.pilothouse.ai.provider.TokenEstimate;
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

    /** Numbers, hex ids and timestamps: what differs between two instances of the same message. */
    private static final Pattern VARIABLE = Pattern.compile("[0-9a-fA-F]{6,}|\\d+");

    private static final Pattern SEVERE =
            Pattern.compile("(?i)\\b(error|err|fatal|panic|exception|critical|crit|oomkilled)\\b");

    private LogShaper() {}

    /** One message of the cut middle and how often it (or a twin differing in numbers) occurred. */
    private static final class Notable {
        private final int severity;
        private String last;
        private int count;

        Notable(int severity) {
            this.severity = severity;
        }

        int severity() {
            return severity;
        }

        void add(String line) {
            last = line;
            count++;
        }

        String render() {
            return count > 1 ? last + "  [×" + count + " similar in the cut part]" : last;
        }
    }

    static Shaped shape(String pod, String text, int requestedTail, Budget budget) {
        List<String> raw =
                SecretScrubber.scrub(text == null ? "" : text).lines().toList();
        List<String> lines = collapse(raw);
        int total = lines.size();
        StringBuilder out = new StringBuilder();
        if (total == 0) {
            budget.force(out, "The log is empty.");
            return new Shaped(out.toString(), "empty log");
        }
        String all = String.join("\n", lines);
        if (budget.fits(all + "\n" + "Log of " + pod)) {
            budget.force(out, "Last " + raw.size() + " log lines of " + pod + " (tailLines " + requestedTail + "):");
            lines.forEach(l -> budget.force(out, l));
            return new Shaped(out.toString(), raw.size() + " lines");
        }
        int headerReserve = 120;
        budget.reserve(headerReserve);
        List<String> head = lines.subList(0, Math.min(HEAD_LINES, total));
        int available = budget.remaining() - estimate(head);
        // Notable lines of the middle may take up to 40 % of what is left; the tail takes the rest.
        Selection first = select(lines, head.size(), total, available * 2 / 5);
        List<String> tail = new ArrayList<>();
        int used = 0;
        for (int i = total - 1; i >= head.size(); i--) {
            int cost = estimate(lines.get(i));
            if (used + cost > available - first.cost()) break;
            tail.addFirst(lines.get(i));
            used += cost;
        }
        int middleEnd = total - tail.size();
        // The middle is now known: count only what was really cut (it fits, the middle only shrank).
        Selection notable = select(lines, head.size(), middleEnd, available - used);
        StringBuilder body = new StringBuilder();
        head.forEach(l -> body.append(l).append('\n'));
        int cutLines = middleEnd - head.size();
        List<Notable> chosen = notable.chosen();
        StringBuilder middle = new StringBuilder();
        notable.all().stream()
                .filter(chosen::contains)
                .forEach(n -> middle.append(n.render()).append('\n'));
        int notableShown = chosen.size();
        budget.release(headerReserve);
        budget.force(
                out,
                "Log of " + pod + ": " + raw.size() + " lines (tailLines " + requestedTail + "), more than the "
                        + budget.limit() + "-token budget. Shown: the first " + head.size() + " lines, " + notableShown
                        + " kinds of error/warning line (of " + notable.all().size() + ") from the " + cutLines
                        + " cut lines in the middle, and the last " + tail.size()
                        + " lines. Narrow with sinceSeconds, a smaller tailLines, container or previous.");
        out.append(body);
        budget.force(out, "--- " + cutLines + " lines cut; their error/warning lines follow ---");
        out.append(middle);
        budget.force(out, "--- last " + tail.size() + " lines ---");
        tail.forEach(l -> out.append(l).append('\n'));
        return new Shaped(out.toString(), raw.size() + " lines, cut to fit");
    }

    private record Selection(List<Notable> all, List<Notable> chosen, int cost) {}

    /**
     * The notable lines of {@code lines[from, to)}, grouped when they differ only in numbers and
     * ids (the same error for another order), the last of each group shown with its count;
     * errors are chosen before warnings while they fit {@code tokens}, then printed in the order
     * they happened.
     */
    private static Selection select(List<String> lines, int from, int to, int tokens) {
        Map<String, Notable> groups = new LinkedHashMap<>();
        for (int i = from; i < to; i++) {
            String line = lines.get(i);
            if (!NOTABLE.matcher(line).find()) continue;
            String key = VARIABLE.matcher(line).replaceAll("#");
            int severity = SEVERE.matcher(line).find() ? 0 : 1;
            groups.computeIfAbsent(key, k -> new Notable(severity)).add(line);
        }
        List<Notable> bySeverity = new ArrayList<>(groups.values());
        bySeverity.sort(java.util.Comparator.comparingInt(Notable::severity));
        List<Notable> chosen = new ArrayList<>();
        int cost = 0;
        for (Notable n : bySeverity) {
            int c = estimate(n.render());
            if (cost + c > tokens) break;
            chosen.add(n);
            cost += c;
        }
        return new Selection(List.copyOf(groups.values()), chosen, cost);
    }

    private static int estimate(List<String> lines) {
        int sum = 0;
        for (String l : lines) sum += estimate(l);
        return sum;
    }

    private static int estimate(String line) {
        return TokenEstimate.of(line) + 1;
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
