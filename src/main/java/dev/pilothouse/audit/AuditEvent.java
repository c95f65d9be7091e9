package dev.pilothouse.audit;

import java.util.Map;
import java.util.Objects;

/**
 * One thing that happened, as a feature reports it to {@link AuditLog}.
 *
 * @param actor username, or {@code system} for the server itself
 * @param action dotted verb, e.g. {@code auth.login}, {@code user.create}, {@code resource.scale}
 * @param target what was acted on, e.g. a username or {@code deployments/web}
 * @param details a small summary of the change; never secrets
 */
public record AuditEvent(
        String actor,
        String action,
        String target,
        String cluster,
        String namespace,
        AuditOutcome outcome,
        Map<String, Object> details) {

    public AuditEvent {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        target = target == null ? "" : target;
        details = details == null ? Map.of() : details;
    }

    public static AuditEvent of(String actor, String action, String target, AuditOutcome outcome) {
        return new AuditEvent(actor, action, target, null, null, outcome, Map.of());
    }

    public AuditEvent withDetails(Map<String, Object> details) {
        return new AuditEvent(actor, action, target, cluster, namespace, outcome, details);
    }

    public AuditEvent onCluster(String cluster, String namespace) {
        return new AuditEvent(actor, action, target, cluster, namespace, outcome, details);
    }
}
