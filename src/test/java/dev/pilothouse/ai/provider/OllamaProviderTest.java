package dev.pilothouse.ai.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilothouse.ai.provider.StandInServer.Reply;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Ollama adapter against a stand-in for its native API (/api/chat streams NDJSON). */
class OllamaProviderTest {

    final StandInServer server = new StandInServer();

    @AfterEach
    void stop() {
        server.close();
    }

    LlmProvider provider(Duration readTimeout) {
        var settings = new ProviderSettings(
                ProviderKind.OLLAMA,
                "llama-test",
                null,
                server.baseUrl(),
                Duration.ofSeconds(2),
                readTimeout,
                512,
                null,
                AnthropicProviderTest.FAST_RETRY);
        return new LlmProviderFactory(() -> null)
                .create(
                        settings,
                        new EmbeddingSettings(EmbeddingSettings.Kind.OLLAMA, "nomic-embed-text", 3),
                        null,
                        null);
    }

    LlmProvider provider() {
        return provider(Duration.ofSeconds(10));
    }

    static String text(String piece) {
        return "{\"model\":\"llama-test\",\"created_at\":\"2025-01-01T00:00:00Z\",\"message\":{\"role\":\"assistant\",\"content\":"
                + Json.write(piece) + "},\"done\":false}";
    }

    static String done(String reason) {
        return "{\"model\":\"llama-test\",\"created_at\":\"2025-01-01T00:00:01Z\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},"
                + "\"done\":true,\"done_reason\":\"" + reason
                + "\",\"total_duration\":1000,\"prompt_eval_count\":26,\"eval_count\":7}";
    }

    @Test
    void streamsText() {
        server.reply(Reply.ndjson(text("The sky"), text(" is blue."), done("stop")));
        var events = new Events();

        var response = provider()
                .chat(
                        ChatRequest.of(List.of(Message.system("Be brief."), Message.user("why?")), List.of()),
                        events,
                        Cancellation.none());

        assertThat(events.text()).isEqualTo("The sky is blue.");
        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(response.usage()).isEqualTo(new Usage(26, 7, 0, 0));
        var body = server.lastRequest().json();
        assertThat(server.lastRequest().path()).isEqualTo("/api/chat");
        assertThat(body.path("model").asString()).isEqualTo("llama-test");
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("options").path("num_predict").asInt()).isEqualTo(512);
    }

    @Test
    void detectsToolUseByToolCallsThoughDoneReasonIsStop() {
        server.reply(Reply.ndjson(
                "{\"model\":\"llama-test\",\"message\":{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":["
                        + "{\"function\":{\"name\":\"get_resources\",\"arguments\":{\"kind\":\"pods\"}}},"
                        + "{\"function\":{\"name\":\"scale_resource\",\"arguments\":{\"name\":\"web\",\"replicas\":2}}}]},\"done\":false}",
                done("stop")));

        var response = provider()
                .chat(ChatRequest.of(
                        List.of(Message.user("go")), List.of(AnthropicProviderTest.GET, AnthropicProviderTest.SCALE)));

        assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(response.toolCalls()).hasSize(2);
        assertThat(Json.parseObject(response.toolCalls().get(0).arguments())).containsEntry("kind", "pods");
        assertThat(Json.parseObject(response.toolCalls().get(1).arguments())).containsEntry("replicas", 2);
        var tools = server.lastRequest().json().path("tools");
        assertThat(tools.get(0).path("function").path("parameters").path("type").asString())
                .isEqualTo("object");
    }

    @Test
    void sendsToolArgumentsAsObjectsAndResultsByToolName() {
        server.reply(Reply.ndjson(text("ok"), done("stop")));
        var call = new ToolCall("call_0", "get_resources", "{\"kind\":\"pods\"}");

        provider()
                .chat(ChatRequest.of(
                        List.of(
                                Message.user("pods?"),
                                Message.assistant("", List.of(call)),
                                Message.toolResult("call_0", "get_resources", "3 pods", false)),
                        List.of(AnthropicProviderTest.GET)));

        var messages = server.lastRequest().json().path("messages");
        assertThat(messages.get(1)
                        .path("tool_calls")
                        .get(0)
                        .path("function")
                        .path("arguments")
                        .path("kind")
                        .asString())
                .isEqualTo("pods");
        assertThat(messages.get(2).path("role").asString()).isEqualTo("tool");
        assertThat(messages.get(2).path("tool_name").asString()).isEqualTo("get_resources");
        assertThat(messages.get(2).path("content").asString()).isEqualTo("3 pods");
    }

    @Test
    void anErrorLineMidStreamFails() {
        server.reply(Reply.ndjson(text("Par"), "{\"error\":\"an error was encountered while running the model\"}"));

        assertThatThrownBy(() -> provider().chat(ChatRequest.of(Message.user("hi"))))
                .isInstanceOf(LlmException.class);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void anUnknownModelSaysSo() {
        server.reply(Reply.json(404, "{\"error\":\"model \\\"llama-test\\\" not found, try pulling it first\"}"));

        assertThatThrownBy(() -> provider().chat(ChatRequest.of(Message.user("hi"))))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LlmException.Kind.NOT_FOUND);
                    assertThat(e.getMessage()).contains("try pulling it first");
                });
    }

    @Test
    void a401FromAProxyIsAnAuthenticationError() {
        server.reply(Reply.json(401, "{\"error\":\"unauthorized\"}"));

        assertThatThrownBy(() -> provider().chat(ChatRequest.of(Message.user("hi"))))
                .isInstanceOfSatisfying(
                        LlmException.class, e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.AUTHENTICATION));
    }

    @Test
    void a429WithRetryAfterIsRetried() {
        server.reply(
                Reply.json(429, "{\"error\":\"busy\"}").withHeader("retry-after", "0"),
                Reply.ndjson(text("ok"), done("stop")));

        assertThat(provider().chat(ChatRequest.of(Message.user("hi"))).text()).isEqualTo("ok");
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void a5xxIsTriedThreeTimes() {
        Reply broken = Reply.json(500, "{\"error\":\"llama runner process has terminated\"}");
        server.reply(broken, broken, broken);

        assertThatThrownBy(() -> provider().chat(ChatRequest.of(Message.user("hi"))))
                .isInstanceOfSatisfying(
                        LlmException.class, e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.SERVER_ERROR));
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void aStalledStreamTimesOut() {
        server.reply(Reply.ndjson(text("Hel")).thenStall());

        assertThatThrownBy(() -> provider(Duration.ofMillis(300)).chat(ChatRequest.of(Message.user("hi"))))
                .isInstanceOfSatisfying(
                        LlmException.class, e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.TIMEOUT));
    }

    @Test
    void aMalformedLineIsReportedAsSuch() {
        server.reply(Reply.ndjson(text("a"), "{\"message\":{\"content\":"));

        assertThatThrownBy(() -> provider().chat(ChatRequest.of(Message.user("hi"))))
                .isInstanceOfSatisfying(
                        LlmException.class, e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.MALFORMED_STREAM));
    }

    @Test
    void cancellingClosesTheConnectionWithin200Milliseconds() throws Exception {
        server.reply(Reply.ndjson(text("Thinking")).thenStallPinging(text("") + "\n"));
        var cancellation = new Cancellation();
        var firstText = new java.util.concurrent.CountDownLatch(1);
        var done = new java.util.concurrent.CountDownLatch(1);
        var response = new java.util.concurrent.atomic.AtomicReference<ChatResponse>();
        Thread.ofVirtual().start(() -> {
            response.set(provider()
                    .chat(
                            ChatRequest.of(Message.user("hi")),
                            e -> {
                                if (e instanceof StreamEvent.TextDelta) firstText.countDown();
                            },
                            cancellation));
            done.countDown();
        });
        assertThat(firstText.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        cancellation.cancel();
        assertThat(done.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(200));
        assertThat(response.get().stopReason()).isEqualTo(StopReason.CANCELLED);
        assertThat(server.clientLeft.await(2, java.util.concurrent.TimeUnit.SECONDS))
                .isTrue();
    }

    @Test
    void embedsAndListsModels() {
        server.reply(
                Reply.json(200, "{\"model\":\"nomic-embed-text\",\"embeddings\":[[0.1,0.2,0.3],[0.4,0.5,0.6]]}"),
                Reply.json(
                        200, "{\"models\":[{\"name\":\"llama3.1:latest\",\"model\":\"llama3.1:latest\",\"size\":1}]}"));

        var vectors = provider().embed(List.of("a", "b"));
        assertThat(vectors).hasSize(2);
        assertThat(vectors.get(1)).containsExactly(0.4f, 0.5f, 0.6f);
        assertThat(server.lastRequest().json().path("input").size()).isEqualTo(2);

        assertThat(provider().models()).containsExactly("llama3.1:latest");
        assertThat(server.lastRequest().path()).isEqualTo("/api/tags");
    }
}
