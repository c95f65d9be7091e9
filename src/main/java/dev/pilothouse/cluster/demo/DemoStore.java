package dev.pilothouse.cluster.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Map;

/**
 * The demo's objects: fabric8's CRUD store, read and written as JSON, and the API server's
 * answers ({@code Status} objects for errors) that the demo's parts share.
 */
final class DemoStore {

    static final ObjectMapper JSON = new ObjectMapper();

    private final Dispatcher crud;
    private final ObjectMapper json = JSON;

    DemoStore(Dispatcher crud) {
        this.crud = crud;
    }

    MockResponse dispatch(RecordedRequest request) {
        return crud.dispatch(request);
    }

    JsonNode read(String path) throws Exception {
        MockResponse response = crud.dispatch(forward(HttpMethod.GET, path, null));
        if (response.code() == 404) return null;
        return json.readTree(response.getBody().readUtf8());
    }

    static RecordedRequest forward(HttpMethod method, String path, String body) {
        Buffer buffer = new Buffer();
        if (body != null) buffer.writeUtf8(body);
        Headers headers =
                new Headers.Builder().add("Content-Type", "application/json").build();
        return new RecordedRequest("HTTP/1.1", method, path, headers, buffer);
    }

    MockResponse ok(Object body) throws Exception {
        return new MockResponse()
                .setResponseCode(200)
                .addHeader("Content-Type", "application/json")
                .setBody(json.writeValueAsString(body));
    }

    MockResponse notFound(String path) throws Exception {
        return status(404, "NotFound", "\"" + path.substring(path.lastIndexOf('/') + 1) + "\" not found");
    }

    MockResponse status(int code, String reason, String message) {
        try {
            Map<String, Object> status = Map.of(
                    "kind",
                    "Status",
                    "apiVersion",
                    "v1",
                    "status",
                    "Failure",
                    "message",
                    message,
                    "reason",
                    reason,
                    "code",
                    code);
            return new MockResponse()
                    .setResponseCode(code)
                    .addHeader("Content-Type", "application/json")
                    .setBody(json.writeValueAsString(status));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static MockResponse jsonResponse(int code, String body) {
        return new MockResponse()
                .setResponseCode(code)
                .addHeader("Content-Type", "application/json")
                .setBody(body);
    }
}
