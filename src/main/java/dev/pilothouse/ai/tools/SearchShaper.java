package dev.pilothouse.ai.tools;

import dev.pilothouse.resource.ResourceQueries.SearchHit;
import java.util.List;
import java.util.stream.Collectors;

/** Search hits, one line each: kind, namespace/name, labels. */
final class SearchShaper {

    private SearchShaper() {}

    static Shaped shape(String query, List<SearchHit> hits, Budget budget) {
        StringBuilder out = new StringBuilder();
        budget.force(
                out,
                hits.size() + " objects match" + (query == null ? "" : " '" + query + "'")
                        + (hits.size() >= 500 ? " (the first 500; narrow with namespace or labelSelector)" : "") + ".");
        budget.reserve(40);
        int shown = 0;
        for (SearchHit hit : hits) {
            String labels = hit.labels().entrySet().stream()
                    .limit(6)
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(","));
            String line = hit.kind() + (hit.group().isEmpty() ? "" : "." + hit.group()) + "\t"
                    + (hit.namespace() == null ? "" : hit.namespace() + "/") + hit.name() + "\t" + labels;
            if (!budget.add(out, line)) break;
            shown++;
        }
        budget.release(40);
        if (shown < hits.size()) {
            budget.force(
                    out,
                    "Not shown: " + (hits.size() - shown) + " more matches (output budget " + budget.limit()
                            + " tokens); narrow with namespace, labelSelector or a longer query.");
        }
        return new Shaped(out.toString(), hits.size() + " matches");
    }
}
