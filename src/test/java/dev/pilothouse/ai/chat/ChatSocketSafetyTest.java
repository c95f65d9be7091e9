package dev.pilothouse.ai.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.support.ApiClient;
import dev.pilothouse.support.IntegrationTest;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/** What the chat socket refuses: strangers at the handshake, bad frames, other users' conversations, ended sessions. */
@IntegrationTest
@Import(ToolsStandIn.class)
class ChatSocketSafetyTest {

    static final ScriptedModel model = new ScriptedModel();

    @LocalServerPort
    int port;

    ApiClient admin;
    ChatTestSupport.Person alice;

    @BeforeEach
    void setUp() {
        model.reset();
        admin = ChatTestSupport.admin(port);
        ChatTestSupport.useOpenAi(admin, model, Map.of());
        alice = ChatTestSupport.user(admin, port, "alice");
    }

    @AfterAll
    static void stop() {
        model.close();
    }

    @Test
    void theHandshakeNeedsASessionAndThisServersOrigin() {
        String origin = "http://localhost:" + port;
        assertThat(ChatClient.refusedStatus(port, "", origin)).isEqualTo(401);
        assertThat(ChatClient.refusedStatus(port, "PILOTHOUSE_SESSION=forged", origin))
                .isEqualTo(401);
        assertThat(ChatClient.refusedStatus(port, alice.api().cookieHeader(), "https://evil.example"))
                .isEqualTo(403);
        assertThat(ChatClient.refusedStatus(port, alice.api().cookieHeader(), origin))
                .isEqualTo(101);
    }

    @Test
    void badFramesGetErrorFramesAndTheSocketStaysOpen() {
        try (var chat = ChatClient.open(alice.api())) {
            chat.sendRaw("this is not json");
            assertThat(chat.await("error").path("code").asString()).isEqualTo("not_json");
            chat.send(Map.of("type", "launch_missiles"));
            JsonNode unknown = chat.await("error");
            assertThat(unknown.path("code").asString()).isEqualTo("unknown_type");
            assertThat(unknown.path("message").asString()).contains("user_message");
            chat.send(Map.of("type", "user_message"));
            JsonNode missing = chat.await("error");
            assertThat(missing.path("code").asString()).isEqualTo("invalid_frame");
            assertThat(missing.path("message").asString()).contains("\"text\"");
            chat.send(Map.of("type", "confirm_action", "confirmationId", "x"));
            assertThat(chat.await("error").path("message").asString()).contains("approved");
            chat.send(Map.of("type", "user_message", "text", "x".repeat(70_000)));
            JsonNode tooLarge = chat.await("error");
            assertThat(tooLarge.path("code").asString()).isEqualTo("frame_too_large");
            chat.send(Map.of("type", "load_history", "conversationId", "not-a-uuid"));
            assertThat(chat.await("error").path("code").asString()).isEqualTo("invalid_conversation_id");

            // Still open, and still working.
            chat.send(Map.of("type", "new_conversation"));
            assertThat(chat.await("conversation").path("conversationId").asString())
                    .isNotBlank();
            assertThat(chat.isOpen()).isTrue();
            assertThat(model.received()).isEmpty();
        }
    }

    @Test
    void anotherUsersConversationIsRefusedOverTheSocketAndRest() {
        model.then(ScriptedModel.text("private answer"));
        String id;
        try (var chat = ChatClient.open(alice.api())) {
            chat.send(Map.of("type", "user_message", "text", "my private question"));
            id = chat.await("conversation").path("conversationId").asString();
            chat.untilDone();
        }
        var bob = ChatTestSupport.user(admin, port, "bob");
        try (var chat = ChatClient.open(bob.api())) {
            chat.send(Map.of("type", "load_history", "conversationId", id));
            JsonNode error = chat.await("error");
            assertThat(error.path("code").asString()).isEqualTo("conversation_not_found");
            chat.send(Map.of("type", "user_message", "text", "let me in", "conversationId", id));
            assertThat(chat.await("error").path("code").asString()).isEqualTo("conversation_not_found");
            chat.send(Map.of("type", "cancel", "conversationId", id));
            assertThat(chat.await("error").path("code").asString()).isEqualTo("conversation_not_found");
            assertThat(chat.seen().toString()).doesNotContain("private answer");
        }
        assertThat(model.received()).hasSize(1);
        for (ApiClient stranger : new ApiClient[] {bob.api(), admin}) {
            assertThat(stranger.get("/api/ai/conversations/" + id).status()).isEqualTo(404);
            assertThat(stranger.patch("/api/ai/conversations/" + id, "{\"title\":\"mine\"}")
                            .status())
                    .isEqualTo(404);
            assertThat(stranger.delete("/api/ai/conversations/" + id).status()).isEqualTo(404);
            assertThat(stranger.get("/api/ai/conversations").body()).doesNotContain(id);
        }
        assertThat(alice.api()
                        .get("/api/ai/conversations/" + id)
                        .json()
                        .path("title")
                        .asString())
                .isEqualTo("my private question");
    }

    @Test
    void loggingOutClosesTheSocketWithinSeconds() throws Exception {
        try (var chat = ChatClient.open(alice.api())) {
            chat.send(Map.of("type", "new_conversation"));
            chat.await("conversation");
            assertThat(alice.api().post("/api/auth/logout", "").status()).isLessThan(300);
            assertThat(chat.closed.get(10, TimeUnit.SECONDS)).isEqualTo(4401);
        }
    }

    @Test
    void disablingTheUserClosesTheSocket() throws Exception {
        try (var chat = ChatClient.open(alice.api())) {
            var put = admin.patch("/api/users/" + alice.id(), "{\"disabled\":true}");
            assertThat(put.status()).as(put.body()).isEqualTo(200);
            assertThat(chat.closed.get(10, TimeUnit.SECONDS)).isIn(4401, 4403);
        }
    }

    @Autowired
    ChatSockets sockets;

    long alicesSockets() {
        return sockets.all().stream()
                .filter(c -> c.user().username().equals(alice.name()))
                .count();
    }

    @Test
    void aBrowserThatStopsReadingIsCutOffAndTheTurnStillFinishesAndIsSaved() throws Exception {
        String piece = "y".repeat(8_000);
        model.then(s -> {
            s.event(ScriptedModel.chunk("{\"role\":\"assistant\",\"content\":\"\"}", null));
            for (int i = 0; i < 2_000; i++) s.event(ScriptedModel.textChunk(piece));
            s.event(ScriptedModel.chunk("{}", "stop"));
            s.event(ScriptedModel.usage(10, 2_000));
            s.event(ScriptedModel.DONE);
        });
        try (var chat = ChatClient.open(alice.api())) {
            chat.stall();
            chat.send(Map.of("type", "user_message", "text", "flood me"));
            chat.await("conversation");
            // The server cuts the socket off instead of buffering 16 MB for it or blocking the turn.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (alicesSockets() > 0 && System.nanoTime() < deadline) Thread.sleep(100);
            assertThat(alicesSockets()).isZero();
            JsonNode list = null;
            while (System.nanoTime() < deadline) {
                list = alice.api().get("/api/ai/conversations").json().path("conversations");
                String id = list.get(0).path("id").asString();
                var messages =
                        alice.api().get("/api/ai/conversations/" + id).json().path("messages");
                if (messages.size() == 2) {
                    assertThat(messages.get(1).path("status").asString()).isEqualTo("complete");
                    assertThat(messages.get(1).path("content").asString()).hasSize(2_000 * 8_000);
                    return;
                }
                Thread.sleep(200);
            }
            throw new AssertionError("the turn was not saved: " + list);
        }
    }
}
