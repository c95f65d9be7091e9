package dev.pilothouse.ai.tools;

import dev.pilothouse.resource.ResourceQueries.EventSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Events grouped by object and reason, with counts and when last seen, warnings first: 500 events
 * are mostly the same few stories told again.
 */
final class EventShaper {

    private EventShaper() {}

    private record Key(String type, String namespace, String kind, String name, String reason) {}

    private static final class Group {
        final Key key;
        int count;
        String lastSeen;
        String message;

        Group(Key key) {
            this.key = key;
        }

        boolean warning() {
            return "Warning".equals(key.type());
        }
    }

    static Shaped shape(List<EventSummary> events, Budget budget, Instant now, boolean withSummary) {
        Map<Key, Group> groups = new LinkedHashMap<>();
        for (EventSummary e : events) {
            Key key = new Key(e.type(), e.namespace(), e.objectKind(), e.objectName(), e.reason());
            Group g = groups.computeIfAbsent(key, Group::new);
            g.count += Math.max(1, e.count());
            if (g.lastSeen == null || (e.lastSeen() != null && e.lastSeen().compareTo(g.lastSeen) > 0)) {
                g.lastSeen = e.lastSeen();
                g.message = e.message();
            } else if (g.message == null) {
                g.message = e.message();
            }
        }
        List<Group> sorted = new ArrayList<>(groups.values());
        sorted.sort(Comparator.comparing((Group g) -> !g.warning())
                .thenComparing(g -> g.lastSeen, Comparator.nullsLast(Comparator.reverseOrder())));
        long warnings = events.stream().filter(e -> "Warning".equals(e.type())).count();
        long warningGroups = sorted.stream().filter(Group::warning).count();
        StringBuilder out = new StringBuilder();
        String summary = events.size() + " events (" + warnings + " Warning, " + (events.size() - warnings)
                + " Normal) in " + sorted.size() + " groups by object and reason (" + warningGroups + " Warning).";
        if (withSummary) budget.force(out, summary);
        if (sorted.isEmpty()) return new Shaped(out.toString(), "no events");
        budget.reserve(60);
        int shown = 0;
        for (Group g : sorted) {
            String object = Objects.toString(g.key.kind(), "?") + " "
                    + (g.key.namespace() == null ? "" : g.key.namespace() + "/") + g.key.name();
            String line = g.key.type() + "\t" + g.key.reason() + "\t" + object + "\t×" + g.count + "\tlast "
                    + Maps.age(g.lastSeen, now) + " ago\t" + Maps.oneLine(g.message, 200);
            if (!budget.add(out, line)) break;
            shown++;
        }
        budget.release(60);
        if (shown < sorted.size()) {
            long cutWarnings = sorted.subList(shown, sorted.size()).stream()
                    .filter(Group::warning)
                    .count();
            budget.force(
                    out,
                    "Not shown (output budget " + budget.limit() + " tokens): " + (sorted.size() - shown) + " groups ("
                            + cutWarnings + " Warning). Narrow with namespace, kind, name or warningsOnly.");
        }
        return new Shaped(
                out.toString(), events.size() + " events, " + warnings + (warnings == 1 ? " warning" : " warnings"));
    }
}
