package dev.pilothouse.ai.provider;

import static dev.pilothouse.support.OpenAiSse.DONE;
import static dev.pilothouse.support.OpenAiSse.chunk;
import static dev.pilothouse.support.OpenAiSse.text;
import static dev.pilothouse.support.OpenAiSse.toolArgs;
import static dev.pilothouse.support.OpenAiSse.toolStart;
import static dev.pilothouse.support.OpenAiSse.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilothouse.ai.provider.StandInServer.Reply;
import dev.pilothouse.support.OpenAiSse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The OpenAI adapter against a stand-in for Chat Completions streaming ({@code data:} chunks,
 * {@code data: [DONE]}), which is also what OpenAI-compatible servers speak.
 */
class OpenAiProviderTest extends ProviderContract {

    @Override
    LlmProvider provider(Duration readTimeout) {
        var settings = new ProviderSettings(
                ProviderKind.OPENAI,
                "gpt-test",
                "sk-test",
                server.baseUrl() + "/v1",
                Duration.ofSeconds(2),
                readTimeout,
                2048,
                0.2,
                AnthropicProviderTest.FAST_RETRY);
        return new LlmProviderFactory(() -> null)
                .create(settings, new EmbeddingSettings(EmbeddingSettings.Kind.OPENAI, null, 0), null, null);
    }

    @Override
    Wire wire() {
        return new Wire() {
            @Override
            public Reply text(String... pieces) {
                var events = new java.util.ArrayList<String>();
                events.add(OpenAiSse.start());
                for (String piece : pieces) events.add(OpenAiSse.text(piece));
                events.add(chunk("{}", "stop"));
                events.add(usage(10, pieces.length, 0));
                events.add(DONE);
                return Reply.sse(events.toArray(String[]::new));
            }

            @Override
            public Reply twoToolCalls(ToolCall first, ToolCall second) {
                String a = first.arguments(), b = second.arguments();
                return Reply.sse(
                        toolStart(0, first.id(), first.name()),
                        toolArgs(0, a.substring(0, a.length() / 2)),
                        toolStart(1, second.id(), second.name()),
                        toolArgs(1, b.substring(0, b.length() / 2)),
                        toolArgs(0, a.substring(a.length() / 2)),
                        toolArgs(1, b.substring(b.length() / 2)),
                        chunk("{}", "tool_calls"),
                        DONE);
            }

            @Override
            public Reply textThenStall(String piece) {
                return Reply.sse(OpenAiSse.text(piece)).thenStall();
            }

            @Override
            public Reply textThenStallPinging(String piece) {
                return Reply.sse(OpenAiSse.text(piece)).thenStallPinging(": keep-alive\n\n");
            }

            @Override
            public Reply textThenErrorInStream(String piece) {
                return Reply.sse(
                        OpenAiSse.text(piece),
                        "data: {\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}\n\n");
            }

            @Override
            public Reply malformed() {
                return Reply.sse(
                        OpenAiSse.text("a"),
                        "data: {\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"\n\n");
            }

            @Override
            public Reply status(int status, String message) {
                return Reply.json(status, "{\"error\":{\"message\":" + Json.write(message) + ",\"type\":\"error\"}}");
            }
        };
    }

    @Test
    void streamsTextAndUsage() {
        server.reply(
                Reply.sse(OpenAiSse.start(), text("Hel"), text("lo"), chunk("{}", "stop"), usage(50, 2, 32), DONE));
        var events = new Events();

        var response = provider()
                .chat(
                        ChatRequest.of(List.of(Message.system("Be brief."), Message.user("hi")), List.of()),
                        events,
                        Cancellation.none());

        assertThat(events.text()).isEqualTo("Hello");
        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(response.usage()).isEqualTo(new Usage(18, 2, 32, 0));
        var request = server.lastRequest();
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.header("authorization")).isEqualTo("Bearer sk-test");
        var body = request.json();
        assertThat(body.path("model").asString()).isEqualTo("gpt-test");
        assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(2048);
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").asBoolean())
                .isTrue();
        assertThat(body.path("messages").get(0).path("role").asString()).isEqualTo("system");
    }

    @Test
    void nullFieldsAsOpenAiSendsThemAreAbsenceNotText() {
        // Real chunks carry explicit nulls: content beside tool calls, usage in every chunk but the last.
        server.reply(Reply.sse(
                "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,\"refusal\":null,\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_events\",\"arguments\":\"\"}}]},\"finish_reason\":null}],\"usage\":null}\n\n",
                "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":null,\"function\":{\"name\":null,\"arguments\":\"{\\\"warningsOnly\\\":true}\"}}]},\"finish_reason\":null}],\"usage\":null}\n\n",
                chunk("{}", "tool_calls"),
                usage(40, 9, 0),
                DONE));
        var events = new Events();

        var response = provider().chat(ChatRequest.of(Message.user("any warnings?")), events, Cancellation.none());

        assertThat(events.text()).isEmpty();
        assertThat(response.text()).isEmpty();
        assertThat(response.toolCalls())
                .containsExactly(new ToolCall("call_1", "get_events", "{\"warningsOnly\":true}"));
        assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(response.usage()).isEqualTo(new Usage(40, 9, 0, 0));
    }

    @Test
    void assemblesTwoParallelToolCallsWithSplitArguments() {
        server.reply(Reply.sse(
                toolStart(0, "call_a", "get_resources"),
                toolArgs(0, "{\"ki"),
                toolStart(1, "call_b", "scale_resource"),
                toolArgs(1, "{\"name\":\"web\","),
                toolArgs(0, "nd\":\"pods\"}"),
                toolArgs(1, "\"replicas\":3}"),
                chunk("{}", "tool_calls"),
                usage(80, 20, 0),
                DONE));
        var events = new Events();

        var response = provider()
                .chat(
                        ChatRequest.of(
                                List.of(Message.user("go")),
                                List.of(AnthropicProviderTest.GET, AnthropicProviderTest.SCALE)),
                        events,
                        Cancellation.none());

        assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(response.toolCalls())
                .containsExactly(
                        new ToolCall("call_a", "get_resources", "{\"kind\":\"pods\"}"),
                        new ToolCall("call_b", "scale_resource", "{\"name\":\"web\",\"replicas\":3}"));
        assertThat(events.of(StreamEvent.ToolCallArgumentsDelta.class)).hasSize(4);
        var tools = server.lastRequest().json().path("tools");
        assertThat(tools.get(0).path("type").asString()).isEqualTo("function");
        assertThat(tools.get(1).path("function").path("name").asString()).isEqualTo("scale_resource");
        assertThat(tools.get(1)
                        .path("function")
                        .path("parameters")
                        .path("required")
                        .size())
                .isEqualTo(2);
        assertThat(server.lastRequest().json().path("parallel_tool_calls").asBoolean())
                .isTrue();
    }

    @Test
    void sendsToolCallsAsStringsAndResultsAsToolMessages() {
        server.reply(Reply.sse(text("ok"), chunk("{}", "stop"), DONE));
        var call = new ToolCall("call_a", "get_resources", "{\"kind\":\"pods\"}");

        provider()
                .chat(ChatRequest.of(
                        List.of(
                                Message.user("pods?"),
                                Message.assistant("", List.of(call)),
                                Message.toolResult("call_a", "get_resources", "boom", true)),
                        List.of(AnthropicProviderTest.GET)));

        var messages = server.lastRequest().json().path("messages");
        var assistantCall = messages.get(1).path("tool_calls").get(0);
        assertThat(assistantCall.path("function").path("arguments").isString()).isTrue();
        assertThat(assistantCall.path("function").path("arguments").asString()).isEqualTo("{\"kind\":\"pods\"}");
        assertThat(messages.get(2).path("role").asString()).isEqualTo("tool");
        assertThat(messages.get(2).path("tool_call_id").asString()).isEqualTo("call_a");
        assertThat(messages.get(2).path("content").asString()).isEqualTo("Error: boom");
    }

    @Test
    void a401SaysTheKeyWasRejected() {
        server.reply(
                Reply.json(
                        401,
                        "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"));

        assertThatThrownBy(() -> provider().chat(ChatRequest.of(Message.user("hi"))))
                .isInstanceOfSatisfying(
                        LlmException.class,
                        e -> assertThat(e.getMessage())
                                .isEqualTo("The OpenAI API key was rejected — check it in Settings → AI Assistant."));
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void a429WithRetryAfterIsRetriedThenSucceeds() {
        server.reply(
                Reply.json(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}")
                        .withHeader("retry-after-ms", "20"),
                Reply.sse(text("ok"), chunk("{}", "stop"), DONE));

        assertThat(provider().chat(ChatRequest.of(Message.user("hi"))).text()).isEqualTo("ok");
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void embedsWithTextEmbedding3SmallAsFloats() {
        server.reply(Reply.json(200, """
                {"object":"list","data":[{"object":"embedding","index":1,"embedding":[0.5,0.25]},{"object":"embedding","index":0,"embedding":[1.0,0.0]}],
                 "model":"text-embedding-3-small","usage":{"prompt_tokens":4,"total_tokens":4}}"""));

        List<float[]> vectors = provider().embed(List.of("a", "b"));

        assertThat(vectors.get(0)).containsExactly(1.0f, 0.0f);
        assertThat(vectors.get(1)).containsExactly(0.5f, 0.25f);
        var body = server.lastRequest().json();
        assertThat(server.lastRequest().path()).isEqualTo("/v1/embeddings");
        assertThat(body.path("model").asString()).isEqualTo("text-embedding-3-small");
        assertThat(body.path("encoding_format").asString()).isEqualTo("float");
        assertThat(provider().embedder().dimensions()).isEqualTo(1536);
    }

    @Test
    void listsModels() {
        server.reply(Reply.json(
                200,
                "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o\",\"object\":\"model\",\"created\":1,\"owned_by\":\"openai\"},"
                        + "{\"id\":\"gpt-4o-mini\",\"object\":\"model\",\"created\":1,\"owned_by\":\"openai\"}]}"));

        assertThat(provider().models()).containsExactly("gpt-4o", "gpt-4o-mini");
    }

    @Test
    void aModelsListLargerThan16MbIsRefusedWithAMessage() {
        String padding = "x".repeat(HttpJson.MAX_BODY_BYTES);
        server.reply(Reply.json(200, "{\"object\":\"list\",\"data\":[],\"padding\":\"" + padding + "\"}"));

        assertThatThrownBy(() -> provider().models()).isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.kind()).isEqualTo(LlmException.Kind.MALFORMED_STREAM);
            assertThat(e.getMessage())
                    .contains("OpenAI sent an answer larger than 16 MB")
                    .contains("Settings → AI Assistant");
        });
    }

    @Test
    void embeddingsLargerThan16MbAreRefused() {
        String vector = "[" + "0.123456789,".repeat(HttpJson.MAX_BODY_BYTES / 12 + 1) + "0.1]";
        server.reply(Reply.json(
                200,
                "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":" + vector
                        + "}]}"));

        assertThatThrownBy(() -> provider().embed(List.of("a")))
                .isInstanceOfSatisfying(
                        LlmException.class, e -> assertThat(e.getMessage()).contains("larger than 16 MB"));
    }

    @Test
    void aStreamedLineWithoutEndIsCutAt1MbNotBufferedForever() {
        server.reply(Reply.sse(
                OpenAiSse.text("fine"),
                "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
                        + "y".repeat(2 * HttpJson.MAX_LINE_BYTES)));

        assertThatThrownBy(() -> provider().chat(ChatRequest.of(Message.user("hi"))))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LlmException.Kind.MALFORMED_STREAM);
                    assertThat(e.getMessage()).contains("OpenAI sent a streamed line larger than 1 MB");
                });
        assertThat(server.requests()).as("not retried").hasSize(1);
    }

    @Test
    void aStreamThatNeverEndsIsStoppedAt64Mb() {
        // Short lines (keep-alive comments), so only the total can stop it.
        String megabyte = (": " + "p".repeat(1022) + "\n").repeat(1024);
        String[] chunks = new String[HttpJson.MAX_STREAM_BYTES / megabyte.length() + 2];
        chunks[0] = OpenAiSse.text("looping");
        java.util.Arrays.fill(chunks, 1, chunks.length, megabyte);
        server.reply(Reply.sse(chunks));

        assertThatThrownBy(() -> provider().chat(ChatRequest.of(Message.user("hi"))))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LlmException.Kind.MALFORMED_STREAM);
                    assertThat(e.getMessage()).contains("OpenAI sent a stream larger than 64 MB");
                });
    }

    @Test
    void anOversizedErrorBodyStillGivesTheStatusError() {
        server.reply(
                Reply.json(404, "{\"error\":{\"message\":\"The model does not exist" + " ".repeat(200_000) + "\"}}"));

        assertThatThrownBy(() -> provider().chat(ChatRequest.of(Message.user("hi"))))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LlmException.Kind.NOT_FOUND);
                    assertThat(e.detail().length()).isLessThanOrEqualTo(HttpJson.MAX_ERROR_BYTES + 1);
                });
    }
}
