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
 * line stream out, HTTP errors turned into {@link LlmException}s. Its limits are every
 * provider's: the SDK-based adapters read within them through {@link BoundedBody}.
 */
final class HttpJson {

    /** The largest JSON answer read (a models list, a batch of embeddings). */
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
    /** The largest line of a streamed (NDJSON) answer: one chunk of a chat stream. */
    static final int MAX_LINE_BYTES = 1024 * 1024;
    /**
     * The most of one streamed answer: a 128K-token answer is about 32 MB of OpenAI's chunks
     * (some 250 bytes a token), so this only stops a server that does not stop.
     */
    static final int MAX_STREAM_BYTES = 64 * 1024 * 1024;
    /** Of an error answer, only this much is read: enough for any message, cut after it. */
    static final int MAX_ERROR_BYTES = 64 * 1024;

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

    /** Opens a streaming POST; the caller reads (and closes) its lines, each at most {@link #MAX_LINE_BYTES}. */
    BoundedLines postStream(String path, Object body) {
        return new BoundedLines(
                send(request(path).POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))),
                provider,
                MAX_LINE_BYTES);
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
            String detail = errorBody(response.body());
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
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) throw LlmException.tooLarge(provider, "an answer", MAX_BODY_BYTES);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw Json.causedByTimeout(e)
                    ? LlmException.timeout(provider, readTimeout)
                    : LlmException.network(provider, baseUrl, e);
        }
    }

    private String errorBody(InputStream in) {
        try (in) {
            byte[] bytes = in.readNBytes(MAX_ERROR_BYTES + 1);
            String text = new String(bytes, 0, Math.min(bytes.length, MAX_ERROR_BYTES), StandardCharsets.UTF_8);
            return bytes.length > MAX_ERROR_BYTES ? text + "…" : text;
        } catch (IOException e) {
            throw Json.causedByTimeout(e)
                    ? LlmException.timeout(provider, readTimeout)
                    : LlmException.network(provider, baseUrl, e);
        }
    }
}
