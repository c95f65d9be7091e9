package dev.pilothouse.ai.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.ai.chat.ScriptedModel.Received;
import dev.pilothouse.support.ApiClient;
import dev.pilothouse.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * Chat turns end to end: a real WebSocket client, the real server and database, the real OpenAI
 * adapter talking to a scripted model in OpenAI's streaming wire format, and scripted tools.
 */
@IntegrationTest
@Import(ToolsStandIn.class)
class ChatWebSocketTest {

    static final ScriptedModel model = new ScriptedModel();

    @LocalServerPort
    int port;

    @Autowired
    ScriptedTools tools;

    @Autowired
    ScriptedConfirmations confirmations;

    ApiClient admin;
    ChatTestSupport.Person alice;

    @BeforeEach
    void setUp() {
        model.reset();
        tools.reset();
        admin = ChatTestSupport.admin(port);
        ChatTestSupport.useOpenAi(admin, model, Map.of());
        alice = ChatTestSupport.user(admin, port, "alice");
    }

    @AfterAll
    static void stop() {
        model.close();
    }

    static Map<String, Object> message(String text) {
        return Map.of("type", "user_message", "text", text);
    }

    static Map<String, Object> message(String text, String conversationId) {
        return Map.of("type", "user_message", "text", text, "conversationId", conversationId);
    }

    static List<JsonNode> ofType(List<JsonNode> frames, String type) {
        return frames.stream()
                .filter(f -> f.path("type").asString().equals(type))
                .toList();
    }

    static String tokens(List<JsonNode> frames) {
        return ofType(frames, "token").stream()
                .map(f -> f.path("text").asString())
                .reduce("", String::concat);
    }

    @Test
    void aPlainAnswerIsStreamedInSeveralTokensSavedAndPromptedAsSpecified() {
        model.then(ScriptedModel.text("Pods ", "restart when ", "their container exits."));
        try (var chat = ChatClient.open(alice.api())) {
            chat.send(message("Why do pods restart?"));
            JsonNode conversation = chat.await("conversation");
            String id = conversation.path("conversationId").asString();
            assertThat(conversation.path("title").asString()).isEqualTo("Why do pods restart?");
            List<JsonNode> frames = chat.untilDone();

            assertThat(ofType(frames, "token"))
                    .hasSize(3)
                    .allSatisfy(
                            f -> assertThat(f.path("conversationId").asString()).isEqualTo(id));
            assertThat(tokens(frames)).isEqualTo("Pods restart when their container exits.");
            JsonNode done = frames.getLast();
            assertThat(done.path("stopReason").asString()).isEqualTo("end_turn");
            assertThat(done.path("usage").path("inputTokens").asLong()).isEqualTo(120);
            assertThat(done.path("usage").path("outputTokens").asLong()).isEqualTo(3);
            assertThat(done.path("messageId").asLong()).isPositive();
            assertThat(done.path("citations").isArray()).isTrue();

            Received request = model.received().getLast();
            assertThat(request.path()).isEqualTo("/v1/chat/completions");
            assertThat(request.authorization()).isEqualTo("Bearer " + ChatTestSupport.API_KEY);
            String system =
                    request.body().path("messages").get(0).path("content").asString();
            assertThat(request.body().path("messages").get(0).path("role").asString())
                    .isEqualTo("system");
            assertThat(system)
                    .contains("Pilothouse", "Kubernetes", "user name " + alice.name())
                    .contains("untrusted data")
                    .contains("concisely")
                    .contains("kubectl");
            var messages = request.body().path("messages");
            assertThat(messages.get(messages.size() - 1).path("content").asString())
                    .isEqualTo("Why do pods restart?");
            assertThat(request.body().path("tools").size()).isEqualTo(4);
            // The key travels in the header only; the prompt carries no credential.
            assertThat(request.allText())
                    .doesNotContain(ChatTestSupport.API_KEY)
                    .doesNotContain(ChatTestSupport.PASSWORD);

            var saved = alice.api().get("/api/ai/conversations/" + id).json();
            assertThat(saved.path("messages")
                            .valueStream()
                            .map(m -> m.path("role").asString())
                            .toList())
                    .containsExactly("user", "assistant");
            assertThat(saved.path("messages").get(1).path("content").asString())
                    .isEqualTo("Pods restart when their container exits.");
            assertThat(saved.path("messages").get(1).path("status").asString()).isEqualTo("complete");
        }
    }
}
