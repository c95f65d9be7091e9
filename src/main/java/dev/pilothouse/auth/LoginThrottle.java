package dev.pilothouse.auth;

import dev.pilothouse.platform.ApiException;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing: after {@code maxFailedLogins} failures for one username from one client
 * address within the window, further tries of that username from there are refused (429) until the
 * oldest of those failures leaves the window; after {@code maxFailedLoginsPerAddress} failures from
 * one address, for any usernames, every try from there is. Keyed on the address too, so nobody can
 * keep someone else (say {@code admin}) locked out from another machine. Failures are kept in
 * PostgreSQL so the limits hold however many replicas serve logins.
 */
@Component
class LoginThrottle {

    private final JdbcClient jdbc;
    private final AuthProperties properties;

    LoginThrottle(JdbcClient jdbc, AuthProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /**
     * Claims one login attempt for {@code username}, before its password is checked: the claim is
     * written first and counts as a failure until {@link #succeeded} withdraws it. An attempt may go
     * on only if fewer than the limit came before it within the window (ordered by id), so parallel
     * guesses cannot all pass before the first failure is recorded.
     *
     * @return the claim, to withdraw on success
     * @throws ApiException.TooManyRequests while the username is locked out (the claim is withdrawn)
     */
    long claimAttempt(String username, String address) {
        long claim = jdbc.sql("INSERT INTO login_failures (username, client_address) VALUES (?, ?) RETURNING id")
                .params(username, address)
                .query(Long.class)
                .single();
        // Database time throughout, so replicas with skewed clocks agree.
        record Earlier(int failures, double secondsUntilUnlock) {}
        Earlier earlier = jdbc.sql("""
                        SELECT count(*) AS failures,
                               coalesce(extract(epoch FROM min(failed_at) + make_interval(secs => :window) - now()), 0)
                                   AS wait
                        FROM (SELECT failed_at FROM login_failures
                              WHERE lower(username) = lower(:username)
                                AND client_address IS NOT DISTINCT FROM :address
                                AND failed_at > now() - make_interval(secs => :window)
                                AND id < :claim
                              ORDER BY id DESC LIMIT :max) latest
                        """)
                .param("username", username)
                .param("address", address)
                .param("window", properties.failureWindow().toSeconds())
                .param("claim", claim)
                .param("max", properties.maxFailedLogins())
                .query((rs, i) -> new Earlier(rs.getInt("failures"), rs.getDouble("wait")))
                .single();
        Earlier fromAddress = jdbc.sql("""
                        SELECT count(*) AS failures,
                               coalesce(extract(epoch FROM min(failed_at) + make_interval(secs => :window) - now()), 0)
                                   AS wait
                        FROM (SELECT failed_at FROM login_failures
                              WHERE client_address IS NOT DISTINCT FROM :address
                                AND failed_at > now() - make_interval(secs => :window)
                                AND id < :claim
                              ORDER BY id DESC LIMIT :max) latest
                        """)
                .param("address", address)
                .param("window", properties.failureWindow().toSeconds())
                .param("claim", claim)
                .param("max", properties.maxFailedLoginsPerAddress())
                .query((rs, i) -> new Earlier(rs.getInt("failures"), rs.getDouble("wait")))
                .single();
        if (fromAddress.failures() >= properties.maxFailedLoginsPerAddress()) {
            withdraw(claim);
            long seconds = Math.max(1, (long) Math.ceil(fromAddress.secondsUntilUnlock()));
            throw new ApiException.TooManyRequests(
                    "too_many_login_attempts",
                    "Too many failed logins from this address. Wait %d seconds and try again.".formatted(seconds),
                    Duration.ofSeconds(seconds));
        }
        if (earlier.failures() >= properties.maxFailedLogins()) {
            withdraw(claim); // refused attempts do not extend the lockout
            long seconds = Math.max(1, (long) Math.ceil(earlier.secondsUntilUnlock()));
            throw new ApiException.TooManyRequests(
                    "too_many_login_attempts",
                    "Too many failed logins for this account. Wait %d seconds and try again.".formatted(seconds),
                    Duration.ofSeconds(seconds));
        }
        // Keep the table small: old failures no longer count for anything.
        jdbc.sql("DELETE FROM login_failures WHERE failed_at < now() - interval '1 day'")
                .update();
        return claim;
    }

    private void withdraw(long claim) {
        jdbc.sql("DELETE FROM login_failures WHERE id = ?").param(claim).update();
    }

    /**
     * A successful login: its claim and the user's earlier failures from this address no longer
     * count (failures from elsewhere still do: they may be someone else's guesses).
     */
    void succeeded(String username, String address, long claim) {
        withdraw(claim);
        jdbc.sql(
                        "DELETE FROM login_failures WHERE lower(username) = lower(?) AND client_address IS NOT DISTINCT FROM ?")
                .params(username, address)
                .update();
    }

    /** The address of the request being served (after trusted proxies' X-Forwarded-For), or null. */
    static String currentAddress() {
        if (org.springframework.web.context.request.RequestContextHolder.getRequestAttributes()
                instanceof org.springframework.web.context.request.ServletRequestAttributes attributes) {
            return attributes.getRequest().getRemoteAddr();
        }
        return null;
    }

    void clear(String username) {
        jdbc.sql("DELETE FROM login_failures WHERE lower(username) = lower(?)")
                .param(username)
                .update();
    }
}
