package dev.pilothouse.audit;

import dev.pilothouse.platform.AccessRefused;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Writes each refused request ({@link AccessRefused}) as an {@code access.denied} row. */
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
        details.put("reason", refusal.reason());
        audit.record(AuditEvent.of(refusal.actor(), "access.denied", refusal.request(), AuditOutcome.DENIED)
                .onCluster(m.find() ? m.group(1) : null, null)
                .withDetails(details));
    }
}
