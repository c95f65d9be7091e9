package dev.pilothouse.ai.chat;

import dev.pilothouse.auth.AccountService;
import dev.pilothouse.platform.ApiException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/ai/usage?from=&to=}: tokens per UTC day and model, the caller's own. An
 * administrator may add {@code user=<name>}, or {@code user=*} for everyone.
 */
@RestController
@RequestMapping("/api/ai/usage")
class UsageController {

    static final int MAX_DAYS = 366;

    private final UsageRepository usage;
    private final AccountService accounts;

    UsageController(UsageRepository usage, AccountService accounts) {
        this.usage = usage;
        this.accounts = accounts;
    }

    record Totals(long calls, long inputTokens, long outputTokens) {}

    record Report(String user, LocalDate from, LocalDate to, List<UsageRepository.DayUsage> days, Totals totals) {}

    @GetMapping
    Report get(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String user,
            Authentication caller) {
        LocalDate end = date(to, "to", LocalDate.now(ZoneOffset.UTC));
        LocalDate start = date(from, "from", end.minusDays(29));
        if (start.isAfter(end)) throw ApiException.badRequest("invalid_range", "from must not be after to.");
        if (start.plusDays(MAX_DAYS).isBefore(end)) {
            throw ApiException.badRequest("invalid_range", "Ask for at most " + MAX_DAYS + " days at a time.");
        }
        String who = user == null || user.isBlank() ? caller.getName() : user.strip();
        boolean admin =
                caller.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN"));
        if (!who.equalsIgnoreCase(caller.getName()) && !admin) {
            throw ApiException.forbidden("forbidden", "Only administrators can see other users' usage.");
        }
        UUID userId = who.equals("*") ? null : accounts.byUsername(who).id();
        var days = usage.perDay(
                userId,
                start.atStartOfDay(ZoneOffset.UTC).toInstant(),
                end.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        var totals = new Totals(
                days.stream().mapToLong(UsageRepository.DayUsage::calls).sum(),
                days.stream().mapToLong(UsageRepository.DayUsage::inputTokens).sum(),
                days.stream().mapToLong(UsageRepository.DayUsage::outputTokens).sum());
        return new Report(who, start, end, days, totals);
    }

    private static LocalDate date(String value, String name, LocalDate fallback) {
        if (value == null || value.isBlank()) return fallback;
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid_" + name, name + " must be a date like 2026-12-01.");
        }
    }
}
