package dev.pilothouse.resource;

import static dev.pilothouse.support.ApiClient.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.pilothouse.support.ApiClient;
import dev.pilothouse.support.ServerTest;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A followed log stream lives only as long as the right to read it: logout or a removed binding
 * closes it, and one user may follow at most {@value LogStreams#MAX_PER_USER} at once. The stand-in
 * API server writes one line, then holds the stream open as a kubelet does for a quiet container.
 */
class LogStreamLifetimeTest extends ServerTest {

    HttpServer apiServer;
    final CountDownLatch stop = new CountDownLatch(1);
    String cluster;
    ApiClient admin;

    @BeforeEach
    void start() throws Exception {
        apiServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        apiServer.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        apiServer.createContext("/api/v1/namespaces/shop/pods", exchange -> {
            boolean log = exchange.getRequestURI().getPath().endsWith("/log");
            exchange.getResponseHeaders().add("Content-Type", log ? "text/plain" : "application/json");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                if (!log) {
                    out.write(("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"web\",\"namespace\":"
                                    + "\"shop\"},\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx\"}]},"
                                    + "\"status\":{\"phase\":\"Running\"}}")
                            .getBytes(StandardCharsets.UTF_8));
                    return;
                }
                out.write("started\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                stop.await(30, TimeUnit.SECONDS); // a quiet container: nothing more, the stream stays open
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.io.IOException e) {
                // Pilothouse closed the stream.
            }
        });
        apiServer.start();
        admin = admin();
        cluster = uniqueName("streams");
        registerCluster(cluster, """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "http://127.0.0.1:%d"}}]
                users: [{name: u, user: {token: t}}]
                contexts: [{name: c, context: {cluster: c, user: u}}]
                current-context: c
                """.formatted(apiServer.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        stop.countDown();
        admin.delete("/api/clusters/" + cluster);
        apiServer.stop(0);
    }

    User viewer() {
        return userWithRole("viewer", List.of(cluster), List.of("*"));
    }

    HttpResponse<Stream<String>> follow(ApiClient client) {
        return client.getLines("/api/clusters/" + cluster + "/namespaces/shop/pods/web/logs?follow=true");
    }

    /** Whether the stream ends within the time (it would otherwise stay open for 30 s). */
    static boolean endsWithin(Iterator<String> lines, int seconds) throws Exception {
        var ended = CompletableFuture.supplyAsync(() -> {
            try {
                while (lines.hasNext()) lines.next();
            } catch (java.io.UncheckedIOException closed) {
                // ended by the server closing the connection: ended all the same
            }
            return true;
        });
        try {
            return ended.get(seconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    @Test
    void logoutClosesTheStream() throws Exception {
        var viewer = viewer();
        var response = follow(viewer.client());
        assertThat(response.statusCode()).isEqualTo(200);
        var lines = response.body().iterator();
        assertThat(lines.next()).isEqualTo("started");

        assertThat(viewer.client().post("/api/auth/logout", "").status()).isIn(200, 204);

        assertThat(endsWithin(lines, 10)).as("the stream ends after logout").isTrue();
    }

    @Test
    void removingTheBindingClosesTheStream() throws Exception {
        var viewer = viewer();
        var lines = follow(viewer.client()).body().iterator();
        assertThat(lines.next()).isEqualTo("started");

        assertThat(admin.delete("/api/rbac/bindings/" + viewer.binding()).status())
                .isIn(200, 204);

        assertThat(endsWithin(lines, 10))
                .as("the stream ends once the binding is gone")
                .isTrue();
    }

    @Test
    void oneUserFollowsAtMostFiveStreams() {
        var viewer = viewer();
        List<HttpResponse<Stream<String>>> open = new ArrayList<>();
        for (int i = 0; i < LogStreams.MAX_PER_USER; i++) {
            var response = follow(viewer.client());
            assertThat(response.statusCode()).as("stream %d", i + 1).isEqualTo(200);
            open.add(response);
        }
        var sixth = viewer.client().get("/api/clusters/" + cluster + "/namespaces/shop/pods/web/logs?follow=true");
        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sixth.errorCode()).isEqualTo("too_many_log_streams");
        open.forEach(r -> r.body().close());
    }
}
