package dev.pilothouse.ai.tools;

import dev.pilothouse.ai.provider.TokenEstimate;
import dev.pilothouse.resource.ResourceQueries.Description;
import dev.pilothouse.resource.ResourceQueries.PodSummary;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One object (get_resources with a name) and {@code kubectl describe}'s view of it: redacted,
 * without noise, as compact YAML; for describe also its notes, its pods (unwell first) and its
 * events grouped. The YAML is cut at a line when it would not fit, and the cut is stated.
 */
final class ObjectShaper {

    private ObjectShaper() {}

    static Shaped object(Map<String, Object> object, boolean resolvedSecret, Budget budget, Instant now) {
        Map<String, Object> clean = Noise.strip(Redactor.object(object, resolvedSecret), now);
        StringBuilder out = new StringBuilder();
        String title = title(clean);
        budget.force(
                out,
                title
                        + (resolvedSecret || Redactor.looksLikeSecret(clean)
                                ? " (a Secret: its keys are listed, its values are never shown to the assistant)"
                                : ""));
        yaml(out, clean, budget);
        return new Shaped(out.toString(), title);
    }

    static Shaped describe(Description description, boolean resolvedSecret, Budget budget, Instant now) {
        Map<String, Object> clean = Noise.strip(Redactor.object(description.object(), resolvedSecret), now);
        StringBuilder out = new StringBuilder();
        String title = title(clean);
        budget.force(out, "Describe " + title);
        for (String note : description.notes()) budget.force(out, "Note: " + note);
        // Pods and events are what a person reads first in kubectl describe's bottom half; each gets
        // a share of the budget so a long spec cannot push them out.
        StringBuilder tail = new StringBuilder();
        Budget podBudget = new Budget(budget.remaining() / 4);
        pods(tail, description.pods(), podBudget, now);
        Budget eventBudget = new Budget(budget.remaining() / 4);
        tail.append("Events:\n");
        if (description.events().isEmpty()) {
            tail.append("(none)\n");
        } else {
            tail.append(EventShaper.shape(description.events(), eventBudget, now, true)
                    .body());
        }
        budget.reserve(TokenEstimate.of(tail.toString()));
        yaml(out, clean, budget);
        out.append(tail);
        return new Shaped(
                out.toString(),
                description.pods().size() + " pods, " + description.events().size() + " events");
    }

    private static void pods(StringBuilder out, List<PodSummary> pods, Budget budget, Instant now) {
        if (pods.isEmpty()) return;
        List<PodSummary> sorted = pods.stream()
                .sorted(Comparator.comparing((PodSummary p) -> healthy(p)).thenComparing(PodSummary::name))
                .toList();
        long unwell = pods.stream().filter(p -> !healthy(p)).count();
        budget.force(out, "Pods (" + pods.size() + ", " + unwell + " unhealthy):");
        budget.force(out, "NAME\tREADY\tSTATUS\tRESTARTS\tAGE\tNODE\tPROBLEM");
        int shown = 0;
        for (PodSummary p : sorted) {
            String status = p.reason() != null ? p.reason() : String.valueOf(p.phase());
            String line = p.name() + "\t" + p.ready() + "\t" + status + "\t" + p.restarts() + "\t"
                    + Maps.age(p.createdAt(), now) + "\t" + (p.node() == null ? "-" : p.node())
                    + (healthy(p) ? "" : "\t" + Maps.oneLine(p.message(), 160));
            if (!budget.add(out, line)) break;
            shown++;
        }
        if (shown < sorted.size()) {
            budget.force(
                    out,
                    (sorted.size() - shown) + " more pods not shown (all healthy); list them with"
                            + " get_resources kind=pods and the workload's labelSelector.");
        }
    }

    private static boolean healthy(PodSummary p) {
        String[] ready = String.valueOf(p.ready()).split("/");
        boolean allReady = ready.length == 2 && ready[0].equals(ready[1]);
        return ("Running".equals(p.phase()) && allReady && p.reason() == null) || "Succeeded".equals(p.phase());
    }

    private static void yaml(StringBuilder out, Map<String, Object> object, Budget budget) {
        String yaml = CompactYaml.render(object);
        List<String> lines = yaml.lines().toList();
        budget.reserve(40);
        int shown = 0;
        for (String line : lines) {
            if (!budget.add(out, line)) break;
            shown++;
        }
        budget.release(40);
        if (shown < lines.size()) {
            budget.force(
                    out,
                    "[" + (lines.size() - shown) + " more lines of this object cut to fit the " + budget.limit()
                            + "-token budget]");
        }
    }

    static String title(Map<String, Object> object) {
        String ns = Maps.str(object, "metadata", "namespace");
        return Maps.str(object, "kind") + " " + (ns == null ? "" : ns + "/") + Maps.str(object, "metadata", "name");
    }
}
