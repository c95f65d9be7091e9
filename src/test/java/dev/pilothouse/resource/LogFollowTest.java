package dev.pilothouse.resource;

import static dev.pilothouse.support.ApiClient.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.pilothouse.support.ApiClient;
import dev.pilothouse.support.ServerTest;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Following a pod's logs passes each line on as the container writes it. The API server here is
 * a stand-in that writes one line, then waits until the test has seen it before writing the next,
 * as a kubelet does with {@code follow=true}: only a real stream can pass.
 */
class LogFollowTest extends ServerTest {

    HttpServer apiServer;
    final CountDownLatch firstLineSeen = new CountDownLatch(1);
    volatile String logQuery;
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
                    String pod = """
                            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"shop","resourceVersion":"7"},
                             "spec":{"containers":[{"name":"web","image":"nginx"}]},"status":{"phase":"Running"}}""";
                    boolean list = exchange.getRequestURI().getPath().endsWith("/pods");
                    out.write((list
                                    ? "{\"apiVersion\":\"v1\",\"kind\":\"PodList\",\"metadata\":{\"resourceVersion\":\"7\"},\"items\":["
                                            + pod + "]}"
                                    : pod)
                            .getBytes(StandardCharsets.UTF_8));
                    return;
                }
                logQuery = exchange.getRequestURI().getQuery();
                out.write("GET /healthz 200\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (firstLineSeen.await(10, TimeUnit.SECONDS)) {
                    out.write("GET /checkout 500\n".getBytes(StandardCharsets.UTF_8));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        apiServer.start();
        admin = admin();
        cluster = uniqueName("logs");
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
        admin.delete("/api/clusters/" + cluster);
        apiServer.stop(0);
    }

    @Test
    void eachLineArrivesAsItIsWritten() {
        var response =
                admin.getLines("/api/clusters/" + cluster + "/namespaces/shop/pods/web/logs?follow=true&tailLines=50");
        assertThat(response.statusCode()).isEqualTo(200);

        var lines = response.body().iterator();
        assertThat(lines.next()).isEqualTo("GET /healthz 200"); // while the stand-in still holds the next line back
        firstLineSeen.countDown();
        assertThat(lines.next()).isEqualTo("GET /checkout 500");
        assertThat(lines.hasNext())
                .as("the stream ends when the container's does")
                .isFalse();
        assertThat(logQuery).contains("follow=true").contains("tailLines=50");
    }
}
