package dev.pilothouse.ai.provider;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Reads a server's retry-after: {@code retry-after-ms}, or {@code retry-after} in seconds or as an HTTP date. */
final class RetryAfter {
    private RetryAfter() {}

    static Duration parse(List<String> retryAfterMs, List<String> retryAfter) {
        try {
            if (retryAfterMs != null && !retryAfterMs.isEmpty()) {
                return Duration.ofMillis(
                        (long) Double.parseDouble(retryAfterMs.getFirst().strip()));
            }
            if (retryAfter != null && !retryAfter.isEmpty()) {
                String value = retryAfter.getFirst().strip();
                if (value.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
                    return Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
                }
                var at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration wait = Duration.between(Instant.now(), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            }
        } catch (RuntimeException e) {
            // An unreadable header is treated as absent: our own backoff applies.
        }
        return null;
    }
}
