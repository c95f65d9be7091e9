package dev.pilothouse.audit;

import dev.pilothouse.platform.AccessRefused;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Writes each refused request ({@link AccessRefused}): a 403 as {@code access.denied} (outcome
 * denied), a change refused as invalid as {@code request.refused} (outcome failure).
 */
@Component
class RefusalAudit {

    private static final Pattern CLUSTER = Pattern.compile("^[A-Z]+ /api/clusters/([^/?]+)");

    private final AuditLog audit;

    RefusalAudit(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener
    void on(AccessRefused refusal) {
        Matcher m = CLUSTER.matcher(refusal.request());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("code", refusal.code());
        details.put(refusal.denied() ? "reason" : "error", refusal.reason());
        if (!refusal.denied()) details.put("status", refusal.status());
        audit.record(AuditEvent.of(
                        refusal.actor(),
                        refusal.denied() ? "access.denied" : "request.refused",
                        refusal.request(),
                        refusal.denied() ? AuditOutcome.DENIED : AuditOutcome.FAILURE)
                .onCluster(m.find() ? m.group(1) : null, null)
                .withDetails(details));
    }
}
