package dev.pilothouse.audit;

import static dev.pilothouse.platform.Text.blankToNull;

import dev.pilothouse.platform.ApiException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/audit}: the audit log for administrators, newest first, a page at a time. */
@RestController
@RequestMapping("/api/audit")
@PreAuthorize("hasRole('ADMIN')")
class AuditController {

    static final int MAX_LIMIT = 500;

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    record Page(List<AuditEntry> items, Long nextCursor) {}

    @GetMapping
    Page list(
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String cluster,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) Long cursor,
            @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest(
                    "invalid_request", "limit must be between 1 and " + MAX_LIMIT + "; it was " + limit + ".");
        }
        Instant fromAt = instant("from", from);
        Instant toAt = instant("to", to);
        if (fromAt != null && toAt != null && !fromAt.isBefore(toAt)) {
            throw ApiException.badRequest("invalid_request", "from must be earlier than to.");
        }
        var items = audit.find(new AuditQuery(
                blankToNull(actor), blankToNull(action), blankToNull(cluster), fromAt, toAt, cursor, limit + 1));
        Long next = null;
        if (items.size() > limit) {
            items = items.subList(0, limit);
            next = items.getLast().id();
        }
        return new Page(items, next);
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(
                    "invalid_request",
                    "%s must be an ISO-8601 time such as 2026-11-25T08:00:00Z; it was '%s'.".formatted(name, value));
        }
    }
}
