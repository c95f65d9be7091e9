package dev.pilothouse.auth;

import static dev.pilothouse.support.ApiClient.json;
import static dev.pilothouse.support.ApiClient.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.support.IntegrationTest;
import dev.pilothouse.support.ServerTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class AuthApiTest extends ServerTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void adminLogsInReadsMeAndLogsOut() {
        var client = anonymous();
        var login = client.login("admin", IntegrationTest.ADMIN_PASSWORD);
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().get("username").asString()).isEqualTo("admin");
        assertThat(login.headers().allValues("set-cookie"))
                .anySatisfy(c -> assertThat(c)
                        .startsWith("PILOTHOUSE_SESSION=")
                        .contains("HttpOnly")
                        .contains("SameSite=Lax"));

        var me = client.get("/api/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("admin").asBoolean()).isTrue();

        assertThat(client.post("/api/auth/logout", "").status()).isEqualTo(204);
        var after = client.get("/api/me");
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.errorCode()).isEqualTo("unauthenticated");
    }

    @Test
    void theSessionCookieIsSecureBehindATlsProxyOnly() throws Exception {
        var plain = anonymous().login("admin", IntegrationTest.ADMIN_PASSWORD);
        assertThat(plain.headers().allValues("set-cookie"))
                .filteredOn(c -> c.startsWith("PILOTHOUSE_SESSION="))
                .singleElement()
                .satisfies(c -> assertThat(c).doesNotContain("Secure"));

        // A TLS-terminating proxy (ingress) on loopback says the browser spoke HTTPS.
        var login = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/auth/login"))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-Proto", "https")
                .POST(HttpRequest.BodyPublishers.ofString(
                        json(Map.of("username", "admin", "password", IntegrationTest.ADMIN_PASSWORD))))
                .build();
        var behindTls = HttpClient.newHttpClient().send(login, HttpResponse.BodyHandlers.ofString());
        assertThat(behindTls.statusCode()).as(behindTls.body()).isEqualTo(200);
        assertThat(behindTls.headers().allValues("set-cookie"))
                .filteredOn(c -> c.startsWith("PILOTHOUSE_SESSION="))
                .singleElement()
                .satisfies(c ->
                        assertThat(c).contains("Secure").contains("HttpOnly").contains("SameSite=Lax"));
    }

    @Test
    void usernameIsCaseInsensitiveAtLogin() {
        assertThat(anonymous().login("ADMIN", IntegrationTest.ADMIN_PASSWORD).status())
                .isEqualTo(200);
    }

    @Test
    void wrongPasswordIs401JsonAndAudited() {
        String name = uniqueName("wrongpw");
        admin().createUser(name, "right-password-1", false);

        var response = anonymous().login(name, "not-the-password");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
        assertThat(response.errorCode()).isEqualTo("invalid_credentials");
        assertThat(response.errorMessage()).isEqualTo("Wrong username or password.");
        assertThat(auditOutcomes(name, "auth.login")).containsExactly("failure");
    }

    @Test
    void unknownUserGetsTheSameAnswerAsAWrongPassword() {
        var response = anonymous().login(uniqueName("nobody"), "whatever-password");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.errorMessage()).isEqualTo("Wrong username or password.");
    }

    @Test
    void successfulLoginIsAudited() {
        String name = uniqueName("audited");
        admin().createUser(name, "a-good-password", false);
        loggedIn(name, "a-good-password");
        assertThat(auditOutcomes(name, "auth.login")).containsExactly("success");
    }

    @Test
    void parallelGuessesGetNoMoreThanFiveTries() throws Exception {
        String name = uniqueName("burst");
        admin().createUser(name, "the-right-password", false);

        List<Integer> statuses;
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = java.util.stream.IntStream.range(0, 20)
                    .mapToObj(i -> pool.submit(
                            () -> anonymous().login(name, "guess-" + i).status()))
                    .toList();
            statuses = new java.util.ArrayList<>();
            for (var f : futures) statuses.add(f.get());
        }

        assertThat(statuses).as("each guess is 401 or 429").allMatch(s -> s == 401 || s == 429);
        assertThat(statuses.stream().filter(s -> s == 401).count())
                .as("passwords actually checked")
                .isLessThanOrEqualTo(5);
        assertThat(anonymous().login(name, "the-right-password").status())
                .as("still locked")
                .isEqualTo(429);
    }

    @Test
    void passwordsLongerThanBcryptTakesAreRefusedClearlyNeverA500() {
        var admin = admin();
        String name = uniqueName("long");
        var tooLong = admin.post("/api/users", json(Map.of("username", name, "password", "a".repeat(73))));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.errorCode()).isEqualTo("weak_password");
        assertThat(tooLong.errorMessage()).contains("72");
        var accented = admin.post("/api/users", json(Map.of("username", name, "password", "é".repeat(40))));
        assertThat(accented.errorCode()).as("80 bytes in 40 characters").isEqualTo("weak_password");
        assertThat(admin.post("/api/users", json(Map.of("username", name, "password", "a".repeat(72))))
                        .status())
                .isEqualTo(201);

        var login = anonymous().login(name, "a".repeat(100));
        assertThat(login.status()).as("a long wrong password is just wrong").isEqualTo(401);
    }

    @Test
    void sixthFailedLoginWithinAMinuteIs429EvenWithTheRightPassword() {
        String name = uniqueName("throttled");
        admin().createUser(name, "the-right-password", false);
        var client = anonymous();
        for (int i = 1; i <= 5; i++) {
            assertThat(client.login(name, "wrong-" + i).status())
                    .as("attempt %d", i)
                    .isEqualTo(401);
        }

        var sixth = client.login(name, "the-right-password");

        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sixth.errorCode()).isEqualTo("too_many_login_attempts");
        assertThat(sixth.errorMessage()).contains("Wait").contains("seconds");
        assertThat(sixth.headers().firstValue("retry-after"))
                .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(1, 60));
        assertThat(auditOutcomes(name, "auth.login")).contains("denied");
        // Another account is not affected by this one's lock-out.
        assertThat(anonymous().login("admin", IntegrationTest.ADMIN_PASSWORD).status())
                .isEqualTo(200);
    }

    @Test
    void loginIssuesAFreshCsrfToken() {
        var client = anonymous();
        client.get("/api/me");
        String before = client.cookie("XSRF-TOKEN");
        assertThat(before).as("the SPA gets a token before logging in").isNotBlank();

        client.loggedIn("admin", IntegrationTest.ADMIN_PASSWORD);

        assertThat(client.cookie("XSRF-TOKEN")).isNotBlank().isNotEqualTo(before);
        assertThat(client.post("/api/auth/logout", "").status())
                .as("the new token works")
                .isIn(200, 204);
    }

    @Test
    void malformedJsonIs400NamingTheProblem() {
        var response = anonymous().post("/api/auth/login", "{\"username\": \"admin\", \"password\": }");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("malformed_json");
        assertThat(response.errorMessage()).contains("not valid JSON").contains("line 1");

        var array = admin().post("/api/users", "[]");
        assertThat(array.status()).isEqualTo(400);
        assertThat(array.errorMessage())
                .as("no class names of ours")
                .contains("object")
                .doesNotContain("dev.pilothouse");

        var nul = anonymous().post("/api/auth/login", "{\"username\": \"ad\\u0000min\", \"password\": \"x\"}");
        // Refused as input (no name holds a NUL), before any account is looked up.
        assertThat(nul.status()).as(nul.body()).isEqualTo(400);
        assertThat(nul.errorMessage()).contains("NUL").doesNotContain("admin");
    }

    @Test
    void missingFieldsAre400NamingTheField() {
        var response = anonymous().post("/api/auth/login", json(Map.of("username", "admin")));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("invalid_request");
        assertThat(response.errorMessage()).isEqualTo("password: is required");
    }

    @Test
    void apiWithoutSessionIs401JsonNotARedirect() {
        var response = anonymous().get("/api/users");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.headers().firstValue("location")).isEmpty();
        assertThat(response.errorCode()).isEqualTo("unauthenticated");
    }

    @Test
    void stateChangingCallWithoutCsrfTokenIsRefused() {
        var client = admin();
        var response = client.postWithoutCsrf("/api/auth/logout", "");
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.errorCode()).isEqualTo("csrf_token_invalid");
        assertThat(client.get("/api/me").status()).as("still logged in").isEqualTo(200);
    }

    @Test
    void oversizedBodyIs413() {
        String big = "{\"username\":\"" + "x".repeat(70 * 1024) + "\",\"password\":\"p\"}";
        var response = anonymous().post("/api/auth/login", big);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.errorCode()).isEqualTo("payload_too_large");
    }

    @Test
    void unknownEndpointIs404Json() {
        var response = admin().get("/api/does-not-exist");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.errorCode()).isEqualTo("not_found");
    }

    @Test
    void userChangesOwnPassword() {
        String name = uniqueName("selfpw");
        admin().createUser(name, "first-password", false);
        var client = loggedIn(name, "first-password");

        var wrong = client.post(
                "/api/me/password", json(Map.of("currentPassword", "nope", "newPassword", "second-password")));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.errorCode()).isEqualTo("wrong_password");

        assertThat(auditOutcomes(name, "user.password_change"))
                .as("a wrong guess is on record")
                .containsExactly("failure");

        var otherBrowser = loggedIn(name, "first-password");
        var ok = client.post(
                "/api/me/password",
                json(Map.of("currentPassword", "first-password", "newPassword", "second-password")));
        assertThat(ok.status()).isEqualTo(204);
        assertThat(client.get("/api/me").status()).as("this session goes on").isEqualTo(200);
        assertThat(otherBrowser.get("/api/me").status())
                .as("other sessions end")
                .isEqualTo(401);
        assertThat(anonymous().login(name, "second-password").status()).isEqualTo(200);
    }

    @Test
    void guessingTheCurrentPasswordIsThrottledLikeLogins() {
        String name = uniqueName("guesser");
        admin().createUser(name, "first-password", false);
        var stolenSession = loggedIn(name, "first-password");
        for (int i = 1; i <= 5; i++) {
            var guess = stolenSession.post(
                    "/api/me/password", json(Map.of("currentPassword", "guess-" + i, "newPassword", "mine-now-123")));
            assertThat(guess.status()).as("guess %d", i).isEqualTo(400);
        }
        var sixth = stolenSession.post(
                "/api/me/password", json(Map.of("currentPassword", "first-password", "newPassword", "mine-now-123")));
        assertThat(sixth.status()).isEqualTo(429);
    }

    private java.util.List<String> auditOutcomes(String actor, String action) {
        return jdbc.sql("SELECT outcome FROM audit_log WHERE actor = ? AND action = ? ORDER BY id")
                .params(actor, action)
                .query(String.class)
                .list();
    }
}
