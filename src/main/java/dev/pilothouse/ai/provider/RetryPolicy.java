package dev.pilothouse.ai.provider;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Our one retry policy (the SDK clients are built with {@code maxRetries(0)}). A call is retried
 * only when it failed before anything was streamed to the user, with full-jitter exponential
 * backoff; a server's retry-after is honoured, and one longer than {@code maxRetryAfter} is not
 * waited for: the user sees the error instead.
 *
 * @param maxAttempts attempts in all, the first included
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

    public static final RetryPolicy DEFAULT =
            new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(30));

    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
    }

    /** How long to wait before attempt {@code attempt + 1}, or empty to give up. */
    Optional<Duration> delayAfter(int attempt, LlmException error) {
        if (attempt >= maxAttempts || !error.retryable()) return Optional.empty();
        Optional<Duration> retryAfter = error.retryAfter();
        if (retryAfter.isPresent()) {
            return retryAfter.get().compareTo(maxRetryAfter) > 0 ? Optional.empty() : retryAfter;
        }
        long cap = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(attempt - 1, 20));
        return Optional.of(
                Duration.ofMillis(cap <= 0 ? 0 : ThreadLocalRandom.current().nextLong(cap / 2, cap + 1)));
    }
}
