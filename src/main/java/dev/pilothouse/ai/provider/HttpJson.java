package dev.pilothouse.ai.provider;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The JDK HTTP client for the APIs without an SDK we use (Ollama, Voyage): JSON in, JSON or a
 * line stream out, HTTP errors turned into {@link LlmException}s.
 */
final class HttpJson {

    private final RemoteApi provider;
    private final String baseUrl;
    private final Duration readTimeout;
    private final Map<String, String> headers;
    private final HttpClient http;

    HttpJson(
            RemoteApi provider,
            String baseUrl,
            Duration connectTimeout,
            Duration readTimeout,
            Map<String, String> headers) {
        this.provider = provider;
        this.baseUrl = baseUrl;
        this.readTimeout = readTimeout;
        this.headers = headers;
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    JsonNode get(String path) {
        return Json.MAPPER.readTree(body(send(request(path).GET())));
    }

    JsonNode post(String path, Object body) {
        return Json.MAPPER.readTree(
                body(send(request(path).POST(HttpRequest.BodyPublishers.ofString(Json.write(body))))));
    }

    /** Opens a streaming POST; the caller reads (and closes) the body. */
    InputStream postStream(String path, Object body) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(Json.write(body))));
    }

    private HttpRequest.Builder request(String path) {
        // The request timeout covers the wait for response headers; a stall after them is the
        // stream runner's job.
        var builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(readTimeout)
                .header("Content-Type", "application/json");
        headers.forEach(builder::header);
        return builder;
    }

    private InputStream send(HttpRequest.Builder request) {
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            if (Json.causedByTimeout(e)) throw LlmException.timeout(provider, readTimeout);
            throw LlmException.network(
                    provider,
                    baseUrl,
                    e instanceof ConnectException && e.getMessage() == null
                            ? new ConnectException("connection refused")
                            : e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LlmException.network(provider, baseUrl, e);
        }
        if (response.statusCode() >= 400) {
            String detail = body(response.body());
            String message = detail;
            try {
                // Ollama: {"error": "..."}; OpenAI-style: {"error": {"message"}}; Voyage: {"detail": "..."}
                JsonNode body = Json.MAPPER.readTree(detail);
                JsonNode error = body.has("error") ? body.path("error") : body.path("detail");
                message = error.isObject() ? error.path("message").asString(detail) : error.asString(detail);
            } catch (RuntimeException ignored) {
                // not JSON: keep the text
            }
            var retryAfter = RetryAfter.parse(
                    response.headers().allValues("retry-after-ms"),
                    response.headers().allValues("retry-after"));
            throw LlmException.fromStatus(provider, response.statusCode(), message, retryAfter, null);
        }
        return response.body();
    }

    private String body(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw Json.causedByTimeout(e)
                    ? LlmException.timeout(provider, readTimeout)
                    : LlmException.network(provider, baseUrl, e);
        }
    }
}
