package dev.pilothouse.ai.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilothouse.ai.provider.StandInServer.Reply;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Ollama adapter against a stand-in for its native API (/api/chat streams NDJSON). */
class OllamaProviderTest extends ProviderContract {

    @Override
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

    @Override
    Wire wire() {
        return new Wire() {
            @Override
            public Reply text(String... pieces) {
                var lines = new java.util.ArrayList<String>();
                for (String piece : pieces) lines.add(OllamaProviderTest.text(piece));
                lines.add(done("stop"));
                return Reply.ndjson(lines.toArray(String[]::new));
            }

            @Override
            public Reply twoToolCalls(ToolCall first, ToolCall second) {
                // Ollama sends whole calls, arguments as objects, in one message; done_reason stays "stop".
                return Reply.ndjson(
                        "{\"model\":\"llama-test\",\"message\":{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":["
                                + "{\"function\":{\"name\":\"" + first.name() + "\",\"arguments\":" + first.arguments()
                                + "}},"
                                + "{\"function\":{\"name\":\"" + second.name() + "\",\"arguments\":"
                                + second.arguments() + "}}"
                                + "]},\"done\":false}",
                        done("stop"));
            }

            @Override
            public Reply textThenStall(String piece) {
                return Reply.ndjson(OllamaProviderTest.text(piece)).thenStall();
            }

            @Override
            public Reply textThenStallPinging(String piece) {
                return Reply.ndjson(OllamaProviderTest.text(piece))
                        .thenStallPinging(OllamaProviderTest.text("") + "\n");
            }

            @Override
            public Reply textThenErrorInStream(String piece) {
                return Reply.ndjson(
                        OllamaProviderTest.text(piece),
                        "{\"error\":\"an error was encountered while running the model\"}");
            }

            @Override
            public Reply malformed() {
                return Reply.ndjson(OllamaProviderTest.text("a"), "{\"message\":{\"content\":");
            }

            @Override
            public Reply status(int status, String message) {
                return Reply.json(status, "{\"error\":" + Json.write(message) + "}");
            }
        };
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
    void anUnknownModelSaysSo() {
        server.reply(Reply.json(404, "{\"error\":\"model \\\"llama-test\\\" not found, try pulling it first\"}"));

        assertThatThrownBy(() -> provider().chat(ChatRequest.of(Message.user("hi"))))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LlmException.Kind.NOT_FOUND);
                    assertThat(e.getMessage()).contains("try pulling it first");
                });
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

    @Test
    void aModelsListLargerThan16MbIsRefusedWithAMessage() {
        String padding = "x".repeat(HttpJson.MAX_BODY_BYTES);
        server.reply(Reply.json(200, "{\"models\":[],\"padding\":\"" + padding + "\"}"));

        assertThatThrownBy(() -> provider().models()).isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.kind()).isEqualTo(LlmException.Kind.MALFORMED_STREAM);
            assertThat(e.getMessage())
                    .contains("Ollama sent an answer larger than 16 MB")
                    .contains("Settings → AI Assistant");
        });
    }

    @Test
    void embeddingsLargerThan16MbAreRefused() {
        String vector = "[" + "0.123456789,".repeat(HttpJson.MAX_BODY_BYTES / 12 + 1) + "0.1]";
        server.reply(Reply.json(200, "{\"model\":\"nomic-embed-text\",\"embeddings\":[" + vector + "]}"));

        assertThatThrownBy(() -> provider().embed(List.of("a")))
                .isInstanceOfSatisfying(
                        LlmException.class, e -> assertThat(e.getMessage()).contains("larger than 16 MB"));
    }

    @Test
    void aStreamedLineWithoutEndIsCutAt1MbNotBufferedForever() {
        // One chunk of 2 MB and no newline: BufferedReader.readLine would hold all of it.
        server.reply(new Reply(
                200,
                java.util.Map.of("Content-Type", "application/x-ndjson"),
                List.of("{\"message\":{\"content\":\"" + "y".repeat(2 * HttpJson.MAX_LINE_BYTES)),
                false,
                null));

        assertThatThrownBy(() -> provider().chat(ChatRequest.of(Message.user("hi"))))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LlmException.Kind.MALFORMED_STREAM);
                    assertThat(e.getMessage()).contains("a streamed line larger than 1 MB");
                });
        assertThat(server.requests()).as("not retried").hasSize(1);
    }

    @Test
    void anOversizedErrorBodyStillGivesTheStatusError() {
        server.reply(
                Reply.json(404, "{\"error\":\"model not found, try pulling it first" + " ".repeat(200_000) + "\"}"));

        assertThatThrownBy(() -> provider().chat(ChatRequest.of(Message.user("hi"))))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LlmException.Kind.NOT_FOUND);
                    assertThat(e.detail().length()).isLessThanOrEqualTo(HttpJson.MAX_ERROR_BYTES + 1);
                });
    }
}
