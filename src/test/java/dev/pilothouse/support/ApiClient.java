package dev.pilothouse.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A browser-like client for tests: real HTTP, a cookie jar, and the CSRF header the SPA sends
 * (the XSRF-TOKEN cookie's value echoed as X-XSRF-TOKEN on state-changing calls).
 */
public final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    public ApiClient(int port) {
        this.base = "http://localhost:" + port;
        this.http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public record Response(int status, String body, HttpHeaders headers) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String errorCode() {
            return json().path("error").path("code").asString();
        }

        public String errorMessage() {
            return json().path("error").path("message").asString();
        }
    }

    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    /** The session cookies, as a browser would send them on a WebSocket handshake. */
    public String cookieHeader() {
        return cookies.getCookieStore().getCookies().stream()
                .map(c -> c.getName() + "=" + c.getValue())
                .reduce((a, b) -> a + "; " + b)
                .orElse("");
    }

    public int port() {
        return URI.create(base).getPort();
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** A GET whose body is read line by line as it arrives (for streamed responses). */
    public HttpResponse<java.util.stream.Stream<String>> getLines(String path) {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response post(String path, String body) {
        return send(withCsrf(jsonRequest(path).POST(HttpRequest.BodyPublishers.ofString(body))));
    }

    public Response postWithoutCsrf(String path, String body) {
        return send(jsonRequest(path).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response patch(String path, String body) {
        return send(withCsrf(jsonRequest(path).method("PATCH", HttpRequest.BodyPublishers.ofString(body))));
    }

    public Response put(String path, String body) {
        return send(withCsrf(jsonRequest(path).PUT(HttpRequest.BodyPublishers.ofString(body))));
    }

    public Response delete(String path) {
        return send(withCsrf(HttpRequest.newBuilder(URI.create(base + path)).DELETE()));
    }

    /** The value of a cookie this client holds, or null. */
    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue)
                .reduce((first, last) -> last)
                .orElse(null);
    }

    public Response login(String username, String password) {
        return post("/api/auth/login", json(new Credentials(username, password)));
    }

    public ApiClient loggedIn(String username, String password) {
        Response response = login(username, password);
        assertThat(response.status())
                .as("login of %s: %s", username, response.body())
                .isEqualTo(200);
        return this;
    }

    /** Creates a user through the admin API (this client must be an admin) and returns its id. */
    public UUID createUser(String username, String password, boolean admin) {
        Response response = post("/api/users", json(new NewUser(username, password, username, admin)));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return UUID.fromString(response.json().get("id").asString());
    }

    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private record Credentials(String username, String password) {}

    private record NewUser(String username, String password, String displayName, boolean admin) {}

    private HttpRequest.Builder jsonRequest(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json");
    }

    private HttpRequest.Builder withCsrf(HttpRequest.Builder request) {
        cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue)
                .findFirst()
                .ifPresent(token -> request.header("X-XSRF-TOKEN", token));
        return request;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
