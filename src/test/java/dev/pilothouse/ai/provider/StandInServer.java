package dev.pilothouse.ai.provider;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local HTTP server that replays scripted responses in a provider's wire format and records
 * the requests it got. Test-only: it stands in for the real APIs, which tests cannot reach.
 */
final class StandInServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Recorded(String method, String path, Map<String, List<String>> headers, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst())
                    .findFirst()
                    .orElse(null);
        }
    }

    /**
     * @param chunks written and flushed one by one
     * @param holdOpen after the chunks, keep the connection open without writing (a stall)
     * @param keepAlive while holding open, write this every 20 ms (to notice the client leaving)
     */
    record Reply(int status, Map<String, String> headers, List<String> chunks, boolean holdOpen, String keepAlive) {
        static Reply sse(String... events) {
            return new Reply(200, Map.of("Content-Type", "text/event-stream"), List.of(events), false, null);
        }

        static Reply ndjson(String... lines) {
            return new Reply(
                    200,
                    Map.of("Content-Type", "application/x-ndjson"),
                    java.util.Arrays.stream(lines).map(l -> l + "\n").toList(),
                    false,
                    null);
        }

        static Reply json(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "application/json"), List.of(body), false, null);
        }

        Reply withHeader(String name, String value) {
            var h = new java.util.HashMap<>(headers);
            h.put(name, value);
            return new Reply(status, h, chunks, holdOpen, keepAlive);
        }

        Reply thenStall() {
            return new Reply(status, headers, chunks, true, null);
        }

        Reply thenStallPinging(String keepAlive) {
            return new Reply(status, headers, chunks, true, keepAlive);
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    final CountDownLatch clientLeft = new CountDownLatch(1);

    StandInServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    StandInServer reply(Reply... scripted) {
        replies.addAll(List.of(scripted));
        return this;
    }

    List<Recorded> requests() {
        return new ArrayList<>(requests);
    }

    Recorded lastRequest() {
        return requests.getLast();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Recorded(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                Map.copyOf(exchange.getRequestHeaders()),
                body));
        Reply reply = replies.poll();
        if (reply == null) reply = Reply.json(500, "{\"error\":\"the stand-in server has no scripted reply left\"}");
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(reply.status(), 0);
        OutputStream out = exchange.getResponseBody();
        try {
            for (String chunk : reply.chunks()) {
                out.write(chunk.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            if (reply.holdOpen()) {
                while (!closing.await(20, TimeUnit.MILLISECONDS)) {
                    if (reply.keepAlive() != null) {
                        out.write(reply.keepAlive().getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                }
            }
            out.close();
        } catch (IOException e) {
            clientLeft.countDown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }

    static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
