package dev.pilothouse.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param adminPassword password of the first {@code admin} account ({@code PILOTHOUSE_ADMIN_PASSWORD});
 *     when empty, one is generated and printed once to the log
 * @param maxFailedLogins failed logins for one username from one client address within {@code
 *     failureWindow} before further tries of that username from that address are refused with 429
 *     until the window has passed
 * @param maxFailedLoginsPerAddress failed logins from one client address, for any usernames,
 *     within {@code failureWindow} before every login from that address is refused for a while
 */
@ConfigurationProperties("pilothouse.auth")
record AuthProperties(
        @DefaultValue("") String adminPassword,
        @DefaultValue("5") int maxFailedLogins,
        @DefaultValue("30") int maxFailedLoginsPerAddress,
        @DefaultValue("1m") Duration failureWindow,
        @DefaultValue("8") int minPasswordLength) {}
