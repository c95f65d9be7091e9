package dev.pilothouse.auth;

import static dev.pilothouse.support.ApiClient.json;
import static dev.pilothouse.support.ApiClient.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilothouse.platform.ApiException;
import dev.pilothouse.support.ServerTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Lockout keyed on (username, client address): guesses from one machine do not lock the account
 * for its owner elsewhere; and one address spraying guesses across many usernames is stopped.
 * Addresses other than the test's own come as X-Forwarded-For from loopback, a trusted proxy.
 */
class LoginLockoutByAddressTest extends ServerTest {

    @Autowired
    LoginThrottle throttle;

    @Autowired
    AuthProperties properties;

    int loginFrom(String address, String username, String password) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/auth/login"))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", address)
                .POST(HttpRequest.BodyPublishers.ofString(json(Map.of("username", username, "password", password))))
                .build();
        try (var http = HttpClient.newHttpClient()) {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    @Test
    void guessesFromElsewhereDoNotLockTheOwnerOut() throws Exception {
        var admin = admin();
        String name = uniqueName("victim");
        admin.createUser(name, "the-right-password", false);
        for (int i = 0; i < properties.maxFailedLogins(); i++) {
            assertThat(loginFrom("198.51.100.23", name, "guess-" + i)).isEqualTo(401);
        }
        assertThat(loginFrom("198.51.100.23", name, "the-right-password"))
                .as("the guessing address is locked out")
                .isEqualTo(429);

        assertThat(anonymous().login(name, "the-right-password").status())
                .as("the owner, from their own address")
                .isEqualTo(200);
    }

    @Test
    void oneAddressSprayingManyUsernamesIsStopped() {
        String address = "198.51.100." + (int) (Math.random() * 200 + 30);
        for (int i = 0; i < properties.maxFailedLoginsPerAddress(); i++) {
            throttle.claimAttempt(uniqueName("sprayed"), address); // each stays as a failure
        }
        assertThatThrownBy(() -> throttle.claimAttempt(uniqueName("sprayed"), address))
                .isInstanceOf(ApiException.TooManyRequests.class)
                .hasMessageContaining("from this address");
        throttle.claimAttempt(uniqueName("sprayed"), "198.51.100.1"); // another address is not affected
    }
}
