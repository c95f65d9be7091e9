package dev.pilothouse.resource;

import java.util.List;
import java.util.Map;

/** Request and result types of {@link ResourceReads}'s reads. */
public final class ResourceQueries {

    private ResourceQueries() {}

    /**
     * @param namespace null or empty for all namespaces
     * @param limit page size (1–5000; the API server may return fewer)
     * @param continueToken {@code continueToken} of the previous page
     */
    public record ListQuery(
            String namespace, String labelSelector, String fieldSelector, Integer limit, String continueToken) {}

    public record ListResult(
            ResourceType type, List<Map<String, Object>> items, String continueToken, String resourceVersion) {}

    /** Bound from the query string ({@code ?container=&tailLines=&sinceSeconds=&previous=}); absent values are null. */
    public record LogQuery(String container, Integer tailLines, Integer sinceSeconds, Boolean previous) {
        public LogQuery {
            previous = Boolean.TRUE.equals(previous);
        }
    }

    /**
     * Bound from {@code ?namespace=&kind=&name=&warnings=&limit=}: events in one namespace (or all),
     * optionally only those about one object ({@code kind}, {@code name}) or only warnings.
     *
     * @param limit 1–1000, default 200
     */
    public record EventQuery(String namespace, String kind, String name, Boolean warnings, Integer limit) {
        public EventQuery {
            warnings = Boolean.TRUE.equals(warnings);
            limit = limit == null ? 200 : limit;
        }
    }

    /**
     * Bound from {@code ?q=&labelSelector=&namespace=&limit=}: objects whose name contains {@code q}.
     *
     * @param limit 1–500, default 100
     */
    public record SearchQuery(String q, String labelSelector, String namespace, Integer limit) {
        public SearchQuery {
            limit = limit == null ? 100 : limit;
        }
    }

    /**
     * CPU and memory from metrics.k8s.io.
     *
     * @param scope {@code pods} or {@code nodes}
     * @param namespace for pods: one namespace, or null for all
     */
    public record MetricsQuery(String scope, String namespace) {}

    /** One event, flattened the way people read them. */
    public record EventSummary(
            String type,
            String reason,
            String message,
            String namespace,
            String objectKind,
            String objectName,
            int count,
            String firstSeen,
            String lastSeen,
            String source) {}

    /** A pod as `kubectl get pods` shows it, with the reason when it is not fine. */
    public record PodSummary(
            String name,
            String namespace,
            String phase,
            String ready,
            int restarts,
            String reason,
            String message,
            String node,
            String createdAt) {}

    /** What `kubectl describe` tells a person: the object, its events, and for workloads their pods. */
    public record Description(
            Map<String, Object> object, List<EventSummary> events, List<PodSummary> pods, List<String> notes) {}

    public record SearchHit(String kind, String group, String namespace, String name, Map<String, String> labels) {}

    public record Metrics(String scope, List<Map<String, Object>> items) {}
}
