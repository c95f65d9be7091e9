package dev.pilothouse.ai.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilothouse.ai.provider.StandInServer.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Claude adapter against a stand-in for the Messages API, replaying its streaming format
 * (SSE with {@code event:} lines, as documented under "Streaming Messages").
 */
class AnthropicProviderTest extends ProviderContract {

    static final RetryPolicy FAST_RETRY =
            new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(30));

    @Override
    LlmProvider provider(Duration readTimeout) {
        var settings = new ProviderSettings(
                ProviderKind.ANTHROPIC,
                "claude-test",
                "sk-ant-test",
                server.baseUrl(),
                Duration.ofSeconds(2),
                readTimeout,
                1024,
                null,
                FAST_RETRY);
        return new LlmProviderFactory(() -> null).create(settings);
    }

    @Override
    Wire wire() {
        return new Wire() {
            @Override
            public Reply text(String... pieces) {
                return Reply.sse(messageStart(), textBlock(0, pieces), messageEnd("end_turn", pieces.length));
            }

            @Override
            public Reply twoToolCalls(ToolCall first, ToolCall second) {
                // Anthropic streams content blocks one after the other: no interleaving.
                String a = first.arguments(), b = second.arguments();
                return Reply.sse(
                        messageStart(),
                        toolBlock(
                                0,
                                first.id(),
                                first.name(),
                                a.substring(0, a.length() / 2),
                                a.substring(a.length() / 2)),
                        toolBlock(
                                1,
                                second.id(),
                                second.name(),
                                b.substring(0, b.length() / 2),
                                b.substring(b.length() / 2)),
                        messageEnd("tool_use", 20));
            }

            @Override
            public Reply textThenStall(String piece) {
                return Reply.sse(messageStart(), openTextBlock(piece)).thenStall();
            }

            @Override
            public Reply textThenStallPinging(String piece) {
                return Reply.sse(messageStart(), openTextBlock(piece))
                        .thenStallPinging(event("ping", "{\"type\": \"ping\"}"));
            }

            @Override
            public Reply textThenErrorInStream(String piece) {
                return Reply.sse(
                        messageStart(),
                        textBlock(0, piece),
                        event(
                                "error",
                                "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal\"}}"));
            }

            @Override
            public Reply malformed() {
                return Reply.sse(
                        messageStart(),
                        event(
                                "content_block_delta",
                                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{not json"));
            }

            @Override
            public Reply status(int status, String message) {
                return Reply.json(
                        status,
                        "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":" + Json.write(message)
                                + "}}");
            }
        };
    }

    /** A text block that has started and streamed one piece, and not ended. */
    static String openTextBlock(String piece) {
        return event(
                        "content_block_start",
                        "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
                + event(
                        "content_block_delta",
                        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":"
                                + Json.write(piece) + "}}");
    }

    static String event(String type, String data) {
        return "event: " + type + "\ndata: " + data + "\n\n";
    }

    static String messageStart() {
        return event("message_start", """
                {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"model":"claude-test","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":25,"cache_creation_input_tokens":100,"cache_read_input_tokens":2000,"output_tokens":1}}}""");
    }

    static String textBlock(int index, String... pieces) {
        var out = new StringBuilder(event(
                "content_block_start",
                "{\"type\":\"content_block_start\",\"index\":" + index
                        + ",\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
        out.append(event("ping", "{\"type\": \"ping\"}"));
        for (String piece : pieces) {
            out.append(event(
                    "content_block_delta",
                    "{\"type\":\"content_block_delta\",\"index\":" + index
                            + ",\"delta\":{\"type\":\"text_delta\",\"text\":\"" + piece + "\"}}"));
        }
        return out + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}");
    }

    static String toolBlock(int index, String id, String name, String... jsonPieces) {
        var out = new StringBuilder(event(
                "content_block_start",
                "{\"type\":\"content_block_start\",\"index\":" + index
                        + ",\"content_block\":{\"type\":\"tool_use\",\"id\":\"" + id + "\",\"name\":\"" + name
                        + "\",\"input\":{}}}"));
        for (String piece : jsonPieces) {
            out.append(event(
                    "content_block_delta",
                    "{\"type\":\"content_block_delta\",\"index\":" + index
                            + ",\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":" + Json.write(piece)
                            + "}}"));
        }
        return out + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}");
    }

    static String messageEnd(String stopReason, int outputTokens) {
        return event(
                        "message_delta",
                        "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + stopReason
                                + "\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + outputTokens + "}}")
                + event("message_stop", "{\"type\":\"message_stop\"}");
    }

    static final Tool SCALE = new Tool(
            "scale_resource",
            "Scale a deployment",
            Map.of(
                    "type", "object",
                    "properties", Map.of("name", Map.of("type", "string"), "replicas", Map.of("type", "integer")),
                    "required", List.of("name", "replicas")),
            true);

    static final Tool GET = new Tool(
            "get_resources",
            "List resources",
            Map.of("type", "object", "properties", Map.of("kind", Map.of("type", "string"))),
            false);

    @Test
    void streamsTextWithUsageIncludingCacheTokens() {
        server.reply(Reply.sse(messageStart(), textBlock(0, "Hello", ", world"), messageEnd("end_turn", 15)));
        var events = new Events();

        ChatResponse response = provider()
                .chat(
                        ChatRequest.of(List.of(Message.system("You are Pilothouse."), Message.user("hi")), List.of()),
                        events,
                        Cancellation.none());

        assertThat(events.text()).isEqualTo("Hello, world");
        assertThat(response.text()).isEqualTo("Hello, world");
        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(response.usage()).isEqualTo(new Usage(25, 15, 2000, 100));
        assertThat(events.last()).isEqualTo(new StreamEvent.Done(response));

        var request = server.lastRequest();
        assertThat(request.path()).isEqualTo("/v1/messages");
        // This SDK version sends the key as a bearer token; older ones used x-api-key.
        assertThat(request.header("x-api-key") != null ? request.header("x-api-key") : request.header("authorization"))
                .endsWith("sk-ant-test");
        var body = request.json();
        assertThat(body.path("model").asString()).isEqualTo("claude-test");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(1024);
        assertThat(body.path("stream").asBoolean()).isTrue();
        // The system prompt is a cached block, not a message.
        assertThat(body.path("system").get(0).path("text").asString()).isEqualTo("You are Pilothouse.");
        assertThat(body.path("system").get(0).path("cache_control").path("type").asString())
                .isEqualTo("ephemeral");
        assertThat(body.path("messages").size()).isEqualTo(1);
        assertThat(body.path("messages").get(0).path("role").asString()).isEqualTo("user");
    }

    @Test
    void assemblesToolArgumentsSplitAcrossChunks() {
        server.reply(Reply.sse(
                messageStart(),
                textBlock(0, "Scaling."),
                toolBlock(1, "toolu_01", "scale_resource", "{\"name\": \"we", "b\", \"repl", "icas\": 5}"),
                messageEnd("tool_use", 40)));
        var events = new Events();

        ChatResponse response = provider()
                .chat(
                        ChatRequest.of(List.of(Message.user("scale web to 5")), List.of(SCALE)),
                        events,
                        Cancellation.none());

        assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(response.toolCalls())
                .containsExactly(new ToolCall("toolu_01", "scale_resource", "{\"name\": \"web\", \"replicas\": 5}"));
        assertThat(events.of(StreamEvent.ToolCallStarted.class))
                .containsExactly(new StreamEvent.ToolCallStarted(1, "toolu_01", "scale_resource"));
        assertThat(events.of(StreamEvent.ToolCallArgumentsDelta.class)).hasSize(3);
        assertThat(events.of(StreamEvent.ToolCallComplete.class)).hasSize(1);

        var tools = server.lastRequest().json().path("tools");
        assertThat(tools.get(0).path("name").asString()).isEqualTo("scale_resource");
        assertThat(tools.get(0).path("input_schema").path("required").get(1).asString())
                .isEqualTo("replicas");
        assertThat(tools.get(0)
                        .path("input_schema")
                        .path("properties")
                        .path("replicas")
                        .path("type")
                        .asString())
                .isEqualTo("integer");
        // The breakpoint after the last tool caches all definitions.
        assertThat(tools.get(0).path("cache_control").path("type").asString()).isEqualTo("ephemeral");
    }

    @Test
    void returnsTwoToolCallsOfOneTurn() {
        server.reply(Reply.sse(
                messageStart(),
                toolBlock(0, "toolu_a", "get_resources", "{\"kind\":", "\"pods\"}"),
                toolBlock(1, "toolu_b", "get_resources", "{\"kind\":\"nodes\"}"),
                messageEnd("tool_use", 30)));

        ChatResponse response = provider()
                .chat(
                        ChatRequest.of(List.of(Message.user("pods and nodes?")), List.of(GET, SCALE)),
                        event -> {},
                        Cancellation.none());

        assertThat(response.toolCalls()).extracting(ToolCall::id).containsExactly("toolu_a", "toolu_b");
        assertThat(response.toolCalls())
                .extracting(ToolCall::arguments)
                .containsExactly("{\"kind\":\"pods\"}", "{\"kind\":\"nodes\"}");
        var tools = server.lastRequest().json().path("tools");
        assertThat(tools.get(0).has("cache_control")).isFalse();
        assertThat(tools.get(1).has("cache_control")).isTrue();
    }

    @Test
    void sendsToolResultsAsToolResultBlocksInAUserTurn() {
        server.reply(Reply.sse(messageStart(), textBlock(0, "Done."), messageEnd("end_turn", 3)));
        var call = new ToolCall("toolu_01", "scale_resource", "{\"name\":\"web\",\"replicas\":5}");

        provider()
                .chat(ChatRequest.of(
                        List.of(
                                Message.user("scale web"),
                                Message.assistant("Scaling.", List.of(call)),
                                Message.toolResult("toolu_01", "scale_resource", "scaled to 5", false)),
                        List.of(SCALE)));

        var messages = server.lastRequest().json().path("messages");
        assertThat(messages.size()).isEqualTo(3);
        var assistant = messages.get(1);
        assertThat(assistant.path("content").get(1).path("type").asString()).isEqualTo("tool_use");
        assertThat(assistant
                        .path("content")
                        .get(1)
                        .path("input")
                        .path("replicas")
                        .asInt())
                .isEqualTo(5);
        var result = messages.get(2);
        assertThat(result.path("role").asString()).isEqualTo("user");
        assertThat(result.path("content").get(0).path("type").asString()).isEqualTo("tool_result");
        assertThat(result.path("content").get(0).path("tool_use_id").asString()).isEqualTo("toolu_01");
        assertThat(result.path("content").get(0).path("content").asString()).isEqualTo("scaled to 5");
        assertThat(result.path("content").get(0).path("is_error").asBoolean()).isFalse();
    }

    @Test
    void anErrorEventMidStreamIsAnOverloadedErrorAndNotRetriedOnceTextWasStreamed() {
        server.reply(Reply.sse(
                messageStart(),
                textBlock(0, "Partial"),
                event(
                        "error",
                        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}")));
        var events = new Events();

        assertThatThrownBy(() -> provider().chat(ChatRequest.of(Message.user("hi")), events, Cancellation.none()))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LlmException.Kind.OVERLOADED);
                    assertThat(e.getMessage()).contains("Anthropic is overloaded");
                });
        assertThat(server.requests()).hasSize(1);
        assertThat(events.text()).isEqualTo("Partial");
        assertThat(events.last()).isInstanceOf(StreamEvent.Error.class);
    }

    @Test
    void anErrorBeforeAnyTextIsRetried() {
        server.reply(
                Reply.sse(
                        messageStart(),
                        event(
                                "error",
                                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}")),
                Reply.sse(messageStart(), textBlock(0, "ok"), messageEnd("end_turn", 1)));

        assertThat(provider().chat(ChatRequest.of(Message.user("hi"))).text()).isEqualTo("ok");
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void withoutAKeyNothingIsSentAndTheUserIsToldNoKeyIsSet() {
        var settings = new ProviderSettings(
                ProviderKind.ANTHROPIC,
                "claude-test",
                "",
                server.baseUrl(),
                Duration.ofSeconds(2),
                Duration.ofSeconds(2),
                1024,
                null,
                FAST_RETRY);
        LlmProvider keyless = new LlmProviderFactory(() -> null).create(settings);

        for (Runnable call :
                List.<Runnable>of(() -> keyless.chat(ChatRequest.of(Message.user("hi"))), () -> keyless.models())) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(LlmException.class, e -> {
                assertThat(e.kind()).isEqualTo(LlmException.Kind.NOT_CONFIGURED);
                assertThat(e.getMessage())
                        .isEqualTo("No Anthropic API key is set — add one in Settings → AI Assistant.");
            });
        }
        assertThat(server.requests()).as("nothing sent without a key").isEmpty();
    }

    @Test
    void a401SaysTheKeyWasRejectedAndIsNotRetried() {
        server.reply(Reply.json(401, """
                {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"},"request_id":"req_1"}"""));

        assertThatThrownBy(() -> provider().chat(ChatRequest.of(Message.user("hi"))))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LlmException.Kind.AUTHENTICATION);
                    assertThat(e.getMessage())
                            .isEqualTo("The Anthropic API key was rejected — check it in Settings → AI Assistant.");
                    assertThat(e.detail()).contains("invalid x-api-key");
                });
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void a429IsTriedExactlyMaxAttemptsTimes() {
        Reply limited = Reply.json(429, """
                {"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"}}""").withHeader("retry-after", "0");
        server.reply(limited, limited, limited, limited);

        assertThatThrownBy(() -> provider().chat(ChatRequest.of(Message.user("hi"))))
                .isInstanceOfSatisfying(
                        LlmException.class, e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.RATE_LIMITED));
        // Three attempts: ours. The SDK's own retries are off (it would make it nine).
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void aRetryAfterLongerThanWeWaitIsReportedNotWaitedFor() {
        server.reply(Reply.json(429, """
                {"type":"error","error":{"type":"rate_limit_error","message":"rate limited"}}""").withHeader("retry-after", "120"));

        assertThatThrownBy(() -> provider().chat(ChatRequest.of(Message.user("hi"))))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LlmException.Kind.RATE_LIMITED);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
                    assertThat(e.getMessage()).contains("retry after 120 s");
                });
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void a5xxIsRetriedThenSucceeds() {
        server.reply(
                Reply.json(
                        500,
                        "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal server error\"}}"),
                Reply.json(
                        529,
                        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"),
                Reply.sse(messageStart(), textBlock(0, "fine"), messageEnd("end_turn", 1)));

        assertThat(provider().chat(ChatRequest.of(Message.user("hi"))).text()).isEqualTo("fine");
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void aStalledStreamTimesOut() {
        server.reply(Reply.sse(
                        messageStart(),
                        textBlock(0, "Hel")
                                .replace(
                                        event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
                                        ""))
                .thenStall());

        assertThatThrownBy(() -> provider(Duration.ofMillis(300)).chat(ChatRequest.of(Message.user("hi"))))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LlmException.Kind.TIMEOUT);
                    assertThat(e.getMessage()).contains("sent nothing for");
                });
        // Text had streamed, so no retry.
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aModelsListLargerThan16MbIsRefusedWithAMessage() {
        String padding = "x".repeat(HttpJson.MAX_BODY_BYTES);
        server.reply(Reply.json(200, "{\"data\":[],\"has_more\":false,\"padding\":\"" + padding + "\"}"));

        assertThatThrownBy(() -> provider().models()).isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.kind()).isEqualTo(LlmException.Kind.MALFORMED_STREAM);
            assertThat(e.getMessage())
                    .contains("Anthropic sent an answer larger than 16 MB")
                    .contains("Settings → AI Assistant");
        });
    }

    @Test
    void aStreamedLineWithoutEndIsCutAt1MbNotBufferedForever() {
        server.reply(Reply.sse(
                messageStart(),
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"text\":\""
                        + "y".repeat(2 * HttpJson.MAX_LINE_BYTES)));

        assertThatThrownBy(() -> provider().chat(ChatRequest.of(Message.user("hi"))))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LlmException.Kind.MALFORMED_STREAM);
                    assertThat(e.getMessage()).contains("Anthropic sent a streamed line larger than 1 MB");
                });
        assertThat(server.requests()).as("not retried").hasSize(1);
    }

    @Test
    void anOversizedErrorBodyStillGivesTheStatusError() {
        server.reply(wire().status(401, "invalid x-api-key" + " ".repeat(200_000)));

        assertThatThrownBy(() -> provider().chat(ChatRequest.of(Message.user("hi"))))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LlmException.Kind.AUTHENTICATION);
                    assertThat(e.detail().length()).isLessThanOrEqualTo(HttpJson.MAX_ERROR_BYTES + 1);
                });
    }
}
