package dev.pilothouse.ai.chat;

import dev.pilothouse.platform.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** Per-user limits on chat: messages per minute (this replica), and the optional daily token budget. */
@Component
class ChatLimits {

    private static final long MINUTE = Duration.ofMinutes(1).toNanos();

    private final ChatProperties properties;
    private final UsageRepository usage;
    private final Map<String, Deque<Long>> sent = new ConcurrentHashMap<>();

    ChatLimits(ChatProperties properties, UsageRepository usage) {
        this.properties = properties;
        this.usage = usage;
    }

    /** @throws ApiException.TooManyRequests when the user sent too many messages in the last minute */
    void checkRate(String username) {
        long now = System.nanoTime();
        Deque<Long> times = sent.computeIfAbsent(username.toLowerCase(Locale.ROOT), u -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && now - times.peekFirst() > MINUTE) times.pollFirst();
            if (times.size() >= properties.messagesPerMinute()) {
                Duration wait = Duration.ofNanos(MINUTE - (now - times.peekFirst()));
                throw new ApiException.TooManyRequests(
                        "rate_limited",
                        "You sent %d messages in the last minute, the most allowed; wait %d s and send again."
                                .formatted(times.size(), Math.max(1, wait.toSeconds())),
                        wait);
            }
            times.addLast(now);
        }
    }

    /** @param budget tokens per UTC day; 0 for no limit */
    void checkDailyBudget(UUID userId, long budget) {
        if (budget <= 0) return;
        Instant midnight =
                LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
        long spent = usage.tokensSince(userId, midnight);
        if (spent >= budget) {
            Duration untilReset = Duration.between(Instant.now(), midnight.plus(Duration.ofDays(1)));
            throw new ApiException.TooManyRequests(
                    "token_budget_exceeded",
                    "You have used %,d of your %,d tokens for today. The budget resets at 00:00 UTC; an administrator can raise it in Settings → AI Assistant."
                            .formatted(spent, budget),
                    untilReset);
        }
    }
}
