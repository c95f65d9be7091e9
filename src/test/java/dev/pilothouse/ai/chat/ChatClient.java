package dev.pilothouse.ai.chat;

import dev.pilothouse.support.ApiClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A browser's side of the chat socket over a real WebSocket (the JDK's client), with the session cookie and an Origin. */
public final class ChatClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration WAIT = Duration.ofSeconds(15);

    private final WebSocket socket;
    private final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new ArrayList<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    /**
     * When set, called with each frame as it arrives (on the socket's thread), with its arrival
     * time, instead of queueing it: the benchmark's clients share the server's JVM, and 15,000
     * queued frames per run were promoted and copied in every GC pause the server saw.
     */
    private volatile java.util.function.ObjLongConsumer<JsonNode> tap;

    private ChatClient(WebSocket socket) {
        this.socket = socket;
    }

    public static ChatClient open(ApiClient session) {
        return open(session.port(), session.cookieHeader(), "http://localhost:" + session.port());
    }

    public static ChatClient open(int port, String cookie, String origin) {
        return open(HttpClient.newHttpClient(), port, cookie, origin);
    }

    /** @param http shared by many clients (the benchmark opens a thousand) */
    public static ChatClient open(HttpClient http, int port, String cookie, String origin) {
        var holder = new CompletableFuture<ChatClient>();
        var listener = new Listener(holder);
        var builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30));
        if (!cookie.isEmpty()) builder.header("Cookie", cookie);
        if (origin != null) builder.header("Origin", origin);
        WebSocket ws = builder.buildAsync(URI.create("ws://localhost:" + port + "/api/ai/chat"), listener)
                .join();
        ChatClient client = new ChatClient(ws);
        listener.client = client;
        holder.complete(client);
        return client;
    }

    /** The handshake's HTTP status when it was refused. */
    public static int refusedStatus(int port, String cookie, String origin) {
        try {
            open(port, cookie, origin).close();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h)
                return h.getResponse().statusCode();
            throw e;
        }
    }

    /** Stops reading from the socket after the next frame, like a browser tab that hangs. */
    public void stall() {
        stalled = true;
    }

    private volatile boolean stalled;

    public void tap(java.util.function.ObjLongConsumer<JsonNode> tap) {
        this.tap = tap;
    }

    public void send(Map<String, ?> frame) {
        sendRaw(JSON.writeValueAsString(frame));
    }

    public void sendRaw(String text) {
        socket.sendText(text, true).join();
    }

    /** The next frame of {@code type}; frames before it are kept in {@link #seen()}. */
    public JsonNode await(String type) {
        return await(f -> f.path("type").asString().equals(type), type);
    }

    public JsonNode await(Predicate<JsonNode> match, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode f;
            try {
                f = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (f == null) throw new AssertionError("no " + what + " frame within " + WAIT + "; got " + seen);
            synchronized (seen) {
                seen.add(f);
            }
            if (match.test(f)) return f;
        }
    }

    /** Every frame up to and including the turn's {@code message_done}. */
    public List<JsonNode> untilDone() {
        int from;
        synchronized (seen) {
            from = seen.size();
        }
        await("message_done");
        synchronized (seen) {
            return List.copyOf(seen.subList(from, seen.size()));
        }
    }

    public List<JsonNode> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    public boolean isOpen() {
        return !socket.isInputClosed() && !closed.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed())
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
    }

    public void abort() {
        socket.abort();
    }

    private static final class Listener implements WebSocket.Listener {
        private final CompletableFuture<ChatClient> holder;
        private final StringBuilder buffer = new StringBuilder();
        volatile ChatClient client;

        Listener(CompletableFuture<ChatClient> holder) {
            this.holder = holder;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                long now = System.nanoTime();
                JsonNode frame = JSON.readTree(buffer.toString());
                buffer.setLength(0);
                ChatClient c = holder.join();
                var tap = c.tap;
                if (tap != null) tap.accept(frame, now);
                else c.inbox.add(frame);
                if (c.stalled) return null;
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            holder.thenAccept(c -> c.closed.complete(statusCode));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            holder.thenAccept(c -> c.closed.complete(-1));
        }
    }
}
