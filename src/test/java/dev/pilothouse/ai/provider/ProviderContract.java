package dev.pilothouse.ai.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilothouse.ai.provider.StandInServer.Reply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every adapter must do the same way, because the orchestrator relies on it: the same event
 * sequence for the same answer, the same error kinds, the same number of attempts, cancellation
 * within 200 ms. Each adapter's test extends this with its own wire format ({@link Wire}) and adds
 * what is particular to its API (request bodies, headers, quirks).
 */
abstract class ProviderContract {

    final StandInServer server = new StandInServer();

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** One API's wire format, as its stand-in replays it. */
    interface Wire {
        /** A complete streamed answer of these text pieces, ending the turn. */
        Reply text(String... pieces);

        /** Two tool calls in one turn, each call's JSON arguments split in two chunks, interleaved where the API allows. */
        Reply twoToolCalls(ToolCall first, ToolCall second);

        /** Some text, then the stream goes silent (and keeps the connection). */
        Reply textThenStall(String piece);

        /** Some text, then silence with keep-alive writes, so a closed connection is noticed. */
        Reply textThenStallPinging(String piece);

        /** Some text, then an error reported inside the stream. */
        Reply textThenErrorInStream(String piece);

        /** A stream whose second event is not valid JSON. */
        Reply malformed();

        /** An HTTP error in the API's shape. */
        Reply status(int status, String message);
    }

    abstract Wire wire();

    abstract LlmProvider provider(Duration readTimeout);

    LlmProvider provider() {
        return provider(Duration.ofSeconds(10));
    }

    @Test
    void contractStreamsTextAsDeltasThenOneDone() {
        server.reply(wire().text("Hel", "lo, ", "world"));
        var events = new Events();

        ChatResponse response = provider().chat(ChatRequest.of(Message.user("hi")), events, Cancellation.none());

        assertThat(events.of(StreamEvent.TextDelta.class))
                .extracting(StreamEvent.TextDelta::text)
                .containsExactly("Hel", "lo, ", "world");
        assertThat(events.of(StreamEvent.Done.class)).containsExactly(new StreamEvent.Done(response));
        assertThat(events.last()).isEqualTo(new StreamEvent.Done(response));
        assertThat(response.text()).isEqualTo("Hello, world");
        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(response.toolCalls()).isEmpty();
    }

    @Test
    void contractAssemblesTwoToolCallsOfOneTurn() {
        var first = new ToolCall("call_a", "get_resources", "{\"kind\":\"pods\"}");
        var second = new ToolCall("call_b", "scale_resource", "{\"name\":\"web\",\"replicas\":3}");
        server.reply(wire().twoToolCalls(first, second));
        var events = new Events();

        ChatResponse response = provider()
                .chat(
                        ChatRequest.of(
                                List.of(Message.user("go")),
                                List.of(AnthropicProviderTest.GET, AnthropicProviderTest.SCALE)),
                        events,
                        Cancellation.none());

        assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);
        // Ids are the API's own (Ollama has none: the adapter numbers the calls); names and arguments are ours.
        assertThat(response.toolCalls())
                .extracting(ToolCall::name, ToolCall::arguments)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(first.name(), first.arguments()),
                        org.assertj.core.groups.Tuple.tuple(second.name(), second.arguments()));
        assertThat(response.toolCalls()).extracting(ToolCall::id).doesNotHaveDuplicates();
        assertThat(events.of(StreamEvent.ToolCallStarted.class))
                .extracting(StreamEvent.ToolCallStarted::name)
                .containsExactly("get_resources", "scale_resource");
        assertThat(events.of(StreamEvent.ToolCallComplete.class))
                .extracting(StreamEvent.ToolCallComplete::call)
                .containsExactlyInAnyOrderElementsOf(response.toolCalls());
        assertThat(events.last()).isInstanceOf(StreamEvent.Done.class);
    }

    @Test
    void contractA401IsAnAuthenticationErrorTriedOnce() {
        server.reply(wire().status(401, "invalid key"), wire().text("never"));

        assertThatThrownBy(() -> provider().chat(ChatRequest.of(Message.user("hi"))))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LlmException.Kind.AUTHENTICATION);
                    assertThat(e.getMessage()).contains("Settings → AI Assistant");
                });
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void contractA429IsRetriedThenSucceeds() {
        server.reply(wire().status(429, "slow down").withHeader("retry-after", "0"), wire().text("ok"));

        assertThat(provider().chat(ChatRequest.of(Message.user("hi"))).text()).isEqualTo("ok");
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void contractA5xxIsTriedThreeTimesThenReported() {
        Reply down = wire().status(500, "internal error");
        server.reply(down, down, down, down);

        assertThatThrownBy(() -> provider().chat(ChatRequest.of(Message.user("hi"))))
                .isInstanceOfSatisfying(
                        LlmException.class, e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.SERVER_ERROR));
        // Our policy's three attempts; the SDKs' own retries are off (else it would be nine).
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void contractAnErrorAfterTextIsReportedNotRetried() {
        server.reply(wire().textThenErrorInStream("Partial"), wire().text("never"));
        var events = new Events();

        assertThatThrownBy(() -> provider().chat(ChatRequest.of(Message.user("hi")), events, Cancellation.none()))
                .isInstanceOf(LlmException.class);
        assertThat(server.requests()).hasSize(1);
        assertThat(events.text()).isEqualTo("Partial");
        assertThat(events.last()).isInstanceOf(StreamEvent.Error.class);
    }

    @Test
    void contractAStalledStreamTimesOut() {
        server.reply(wire().textThenStall("Hel"));

        assertThatThrownBy(() -> provider(Duration.ofMillis(300)).chat(ChatRequest.of(Message.user("hi"))))
                .isInstanceOfSatisfying(
                        LlmException.class, e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.TIMEOUT));
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void contractAMalformedStreamIsReportedAsSuch() {
        server.reply(wire().malformed());

        assertThatThrownBy(() -> provider().chat(ChatRequest.of(Message.user("hi"))))
                .isInstanceOfSatisfying(
                        LlmException.class, e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.MALFORMED_STREAM));
    }

    @Test
    void contractCancellingReturnsThePartialAnswerWithin200Milliseconds() throws Exception {
        server.reply(wire().textThenStallPinging("Thinking"));
        var cancellation = new Cancellation();
        var firstText = new CountDownLatch(1);
        var result = new CompletableFuture<ChatResponse>();
        var returnedAt = new AtomicLong();
        Thread.ofVirtual().start(() -> {
            try {
                result.complete(provider()
                        .chat(
                                ChatRequest.of(Message.user("hi")),
                                e -> {
                                    if (e instanceof StreamEvent.TextDelta) firstText.countDown();
                                },
                                cancellation));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            } finally {
                returnedAt.set(System.nanoTime());
            }
        });
        assertThat(firstText.await(5, TimeUnit.SECONDS)).isTrue();

        long cancelledAt = System.nanoTime();
        cancellation.cancel();
        ChatResponse response = result.get(5, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(returnedAt.get() - cancelledAt)).isLessThan(Duration.ofMillis(200));
        assertThat(response.stopReason()).isEqualTo(StopReason.CANCELLED);
        assertThat(response.text()).isEqualTo("Thinking");
        // The connection was closed: the stand-in's next keep-alive write fails.
        assertThat(server.clientLeft.await(2, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void contractATextDeltaReachesTheCallerWhileTheStreamIsStillOpen() throws Exception {
        // The stand-in writes one piece of text and then nothing: a parser that holds an event back
        // until the next one arrives would leave the browser one token behind the model.
        server.reply(wire().textThenStall("Hel"));
        var cancellation = new Cancellation();
        var delta = new CompletableFuture<String>();
        Thread.ofVirtual().start(() -> {
            try {
                provider()
                        .chat(
                                ChatRequest.of(Message.user("hi")),
                                e -> {
                                    if (e instanceof StreamEvent.TextDelta d) delta.complete(d.text());
                                },
                                cancellation);
            } catch (RuntimeException ignored) {
                // cancelled below
            }
        });
        try {
            // The stall never ends: a held-back delta would never come, whatever the wait.
            assertThat(delta.get(30, TimeUnit.SECONDS)).isEqualTo("Hel");
        } finally {
            cancellation.cancel();
        }
    }
}
