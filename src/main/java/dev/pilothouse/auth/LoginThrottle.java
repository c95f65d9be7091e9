package dev.pilothouse.auth;

import dev.pilothouse.platform.ApiException;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing: after {@code maxFailedLogins} failures for one username within the
 * window, further tries are refused (429) until the oldest of those failures leaves the window.
 * Failures are kept in PostgreSQL so the limit holds however many replicas serve logins.
 */
@Component
class LoginThrottle {

    private final JdbcClient jdbc;
    private final AuthProperties properties;

    LoginThrottle(JdbcClient jdbc, AuthProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** @throws ApiException.TooManyRequests while the username is locked out */
    void checkAllowed(String username) {
        // Database time throughout, so replicas with skewed clocks agree.
        record Recent(int failures, double secondsUntilUnlock) {}
        Recent recent = jdbc.sql("""
                        SELECT count(*) AS failures,
                               coalesce(extract(epoch FROM min(failed_at) + make_interval(secs => :window) - now()), 0)
                                   AS wait
                        FROM (SELECT failed_at FROM login_failures
                              WHERE lower(username) = lower(:username)
                                AND failed_at > now() - make_interval(secs => :window)
                              ORDER BY failed_at DESC LIMIT :max) latest
                        """)
                .param("username", username)
                .param("window", properties.failureWindow().toSeconds())
                .param("max", properties.maxFailedLogins())
                .query((rs, i) -> new Recent(rs.getInt("failures"), rs.getDouble("wait")))
                .single();
        if (recent.failures() >= properties.maxFailedLogins()) {
            long seconds = Math.max(1, (long) Math.ceil(recent.secondsUntilUnlock()));
            throw new ApiException.TooManyRequests(
                    "too_many_login_attempts",
                    "Too many failed logins for this account. Wait %d seconds and try again.".formatted(seconds),
                    Duration.ofSeconds(seconds));
        }
    }

    void recordFailure(String username) {
        jdbc.sql("INSERT INTO login_failures (username) VALUES (?)").param(username).update();
        // Keep the table small: old failures no longer count for anything.
        jdbc.sql("DELETE FROM login_failures WHERE failed_at < now() - interval '1 day'").update();
    }

    void clear(String username) {
        jdbc.sql("DELETE FROM login_failures WHERE lower(username) = lower(?)")
                .param(username)
                .update();
    }
}
