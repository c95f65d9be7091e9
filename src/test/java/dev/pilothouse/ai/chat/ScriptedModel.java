package dev.pilothouse.ai.chat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pilothouse.support.OpenAiSse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A scripted chat model behind a local HTTP server: it answers Chat Completions requests in
 * OpenAI's streaming wire format (SSE {@code chat.completion.chunk}s, tool calls as {@code
 * tool_calls} deltas with split arguments, {@code data: [DONE]}) — or Anthropic's Messages stream —
 * so the server's real adapters parse it. It records every request body it received. The OpenAI
 * events come from {@link OpenAiSse}, so the provider tests and the chat tests replay one format.
 */
public final class ScriptedModel implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One reply: writes the response to the exchange. */
    @FunctionalInterface
    public interface Reply {
        void write(Stream stream) throws IOException, InterruptedException;
    }

    /**
     * A request as it arrived, with when it arrived (System.nanoTime, for the benchmark). The body is kept as text and read on demand: the benchmark's
     * stand-in shares the server's JVM, and a parsed tree per turn (prompt, context, tool schemas)
     * outlived the turn and was copied in the server's GC pauses.
     */
    public record Received(String path, String authorization, String rawBody, long arrivedAt) {
        public JsonNode body() {
            return JSON.readTree(rawBody.isEmpty() ? "{}" : rawBody);
        }

        /** The text of every message of the request, in order (system, user, assistant, tool). */
        public String allText() {
            return body().toString();
        }

        public String systemPrompt() {
            JsonNode body = body();
            JsonNode system = body.path("system");
            if (!system.isMissingNode()) return system.isString() ? system.asString() : system.toString();
            return body.path("messages").get(0).path("content").toString();
        }
    }

    /** The response being written; {@link #event} flushes each event at once. */
    public static final class Stream {
        private final HttpExchange exchange;
        private OutputStream out;

        Stream(HttpExchange exchange) {
            this.exchange = exchange;
        }

        public void status(int status, String contentType, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }

        public void event(String raw) throws IOException {
            if (out == null) {
                exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                out = exchange.getResponseBody();
            }
            out.write(raw.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Reply fallback;
    final CountDownLatch clientLeft = new CountDownLatch(1);

    public ScriptedModel() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1000);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public String openAiBaseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public String anthropicBaseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public ScriptedModel then(Reply... scripted) {
        replies.addAll(List.of(scripted));
        return this;
    }

    /** The reply to every request once the scripted ones are used up. */
    public ScriptedModel always(Reply reply) {
        this.fallback = reply;
        return this;
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    public void reset() {
        replies.clear();
        received.clear();
        fallback = null;
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null) auth = exchange.getRequestHeaders().getFirst("x-api-key");
        received.add(new Received(exchange.getRequestURI().getPath(), auth, body, arrived));
        Reply reply = replies.poll();
        if (reply == null) reply = fallback;
        if (reply == null)
            reply = s -> s.status(500, "application/json", "{\"error\":{\"message\":\"no scripted reply left\"}}");
        var stream = new Stream(exchange);
        try {
            reply.write(stream);
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
        server.stop(0);
    }

    // ---------------------------------------------------------------- OpenAI wire format

    static String chunk(String delta, String finish) {
        return OpenAiSse.chunk(delta, finish);
    }

    static String textChunk(String piece) {
        return OpenAiSse.text(piece);
    }

    /** No prompt tokens from cache: the adapter reads an absent count as 0 too. */
    static String usage(int prompt, int completion) {
        return OpenAiSse.usage(prompt, completion, 0);
    }

    static final String DONE = OpenAiSse.DONE;

    /** A plain answer streamed piece by piece. */
    public static Reply text(String... pieces) {
        return s -> {
            s.event(OpenAiSse.start());
            for (String p : pieces) s.event(OpenAiSse.text(p));
            s.event(OpenAiSse.chunk("{}", "stop"));
            s.event(usage(120, pieces.length));
            s.event(DONE);
        };
    }

    /** Pieces with a pause between them; stops when the client hangs up (a cancel). */
    public static Reply slowText(Duration pause, String... pieces) {
        return s -> {
            s.event(OpenAiSse.start());
            for (String p : pieces) {
                s.event(OpenAiSse.text(p));
                Thread.sleep(pause);
            }
            s.event(OpenAiSse.chunk("{}", "stop"));
            s.event(usage(100, pieces.length));
            s.event(DONE);
        };
    }

    public record Call(String id, String name, String argumentsJson) {}

    /** Optional text, then tool calls whose arguments arrive split in two deltas. */
    public static Reply toolCalls(String text, Call... calls) {
        return s -> {
            s.event(OpenAiSse.chunk("{\"role\":\"assistant\",\"content\":null}", null));
            if (text != null) s.event(OpenAiSse.text(text));
            for (int i = 0; i < calls.length; i++) {
                Call c = calls[i];
                s.event(OpenAiSse.toolStart(i, c.id(), c.name()));
                String args = c.argumentsJson();
                int half = args.length() / 2;
                s.event(OpenAiSse.toolArgs(i, args.substring(0, half)));
                s.event(OpenAiSse.toolArgs(i, args.substring(half)));
            }
            s.event(OpenAiSse.chunk("{}", "tool_calls"));
            s.event(usage(300, 40));
            s.event(DONE);
        };
    }

    public static Reply status(int status, String body) {
        return s -> s.status(status, "application/json", body);
    }

    // ---------------------------------------------------------------- Anthropic wire format

    static String anthropicEvent(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    /** A plain answer in Anthropic's Messages streaming format (event: lines included, as the SDK needs). */
    public static Reply anthropicText(Duration pause, String... pieces) {
        return s -> {
            s.event(anthropicEvent("message_start", """
                    {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-test","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":90,"output_tokens":1}}}"""));
            s.event(anthropicEvent("content_block_start", """
                    {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"""));
            for (String p : pieces) {
                s.event(anthropicEvent(
                        "content_block_delta",
                        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":"
                                + JSON.writeValueAsString(p) + "}}"));
                Thread.sleep(pause);
            }
            s.event(anthropicEvent("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
            s.event(anthropicEvent("message_delta", """
                    {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":%d}}""".formatted(pieces.length)));
            s.event(anthropicEvent("message_stop", "{\"type\":\"message_stop\"}"));
        };
    }

    static void sleep(long millis) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(millis);
    }
}
