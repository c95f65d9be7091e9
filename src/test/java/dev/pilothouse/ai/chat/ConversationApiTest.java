package dev.pilothouse.ai.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.support.ApiClient;
import dev.pilothouse.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/** Conversations, usage and the chat settings over REST, with conversations made through real turns. */
@IntegrationTest
@Import(ToolsStandIn.class)
class ConversationApiTest {

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

    private List<String> converse(String... questions) {
        var ids = new ArrayList<String>();
        try (var chat = ChatClient.open(alice.api())) {
            for (String q : questions) {
                model.then(ScriptedModel.text("Answer about " + q.toLowerCase()));
                chat.send(Map.of("type", "user_message", "text", q));
                ids.add(chat.await("conversation").path("conversationId").asString());
                chat.untilDone();
            }
        }
        return ids;
    }

    @Test
    void listsOwnConversationsNewestFirstPagedAndSearchable() {
        List<String> ids = converse("Ingress timeouts", "Node pressure", "Helm upgrade failed");
        JsonNode page = alice.api().get("/api/ai/conversations?limit=2").json();
        assertThat(page.path("conversations")
                        .valueStream()
                        .map(c -> c.path("id").asString())
                        .toList())
                .containsExactly(ids.get(2), ids.get(1));
        String cursor = page.path("nextCursor").asString();
        JsonNode rest = alice.api()
                .get("/api/ai/conversations?limit=2&cursor=" + cursor)
                .json();
        assertThat(rest.path("conversations")
                        .valueStream()
                        .map(c -> c.path("id").asString())
                        .toList())
                .containsExactly(ids.get(0));
        assertThat(rest.path("nextCursor").isNull()).isTrue();

        // By title, and by the text of an answer.
        assertThat(alice.api()
                        .get("/api/ai/conversations?q=helm")
                        .json()
                        .path("conversations")
                        .size())
                .isEqualTo(1);
        JsonNode byText =
                alice.api().get("/api/ai/conversations?q=about%20node").json().path("conversations");
        assertThat(byText.size()).isEqualTo(1);
        assertThat(byText.get(0).path("id").asString()).isEqualTo(ids.get(1));
        assertThat(alice.api()
                        .get("/api/ai/conversations?q=100%25")
                        .json()
                        .path("conversations")
                        .size())
                .isZero();

        assertThat(alice.api().get("/api/ai/conversations?limit=0").errorCode()).isEqualTo("invalid_limit");
        assertThat(alice.api().get("/api/ai/conversations?cursor=garbage").errorCode())
                .isEqualTo("invalid_cursor");
    }

    @Test
    void renameAndAuditedDelete() {
        String id = converse("Old title").getFirst();
        var renamed = alice.api().patch("/api/ai/conversations/" + id, "{\"title\":\"Ingress notes\"}");
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(alice.api()
                        .get("/api/ai/conversations/" + id)
                        .json()
                        .path("title")
                        .asString())
                .isEqualTo("Ingress notes");
        assertThat(alice.api()
                        .patch("/api/ai/conversations/" + id, "{\"title\":\"  \"}")
                        .errorCode())
                .isEqualTo("invalid_title");

        assertThat(alice.api().delete("/api/ai/conversations/" + id).status()).isEqualTo(204);
        assertThat(alice.api().get("/api/ai/conversations/" + id).status()).isEqualTo(404);
        JsonNode audit =
                admin.get("/api/audit?action=ai.conversation.delete&limit=20").json();
        assertThat(audit.toString()).contains("ai_conversation/" + id).contains(alice.name());
    }

    @Test
    void usageIsPerDayAndModelOwnOnlyUnlessAdministrator() {
        converse("One", "Two");
        JsonNode usage = alice.api().get("/api/ai/usage").json();
        assertThat(usage.path("user").asString()).isEqualTo(alice.name());
        JsonNode day = usage.path("days").get(0);
        assertThat(day.path("model").asString()).isEqualTo("gpt-test");
        assertThat(day.path("provider").asString()).isEqualTo("openai");
        assertThat(day.path("calls").asLong()).isEqualTo(2);
        assertThat(day.path("inputTokens").asLong()).isEqualTo(240);
        assertThat(usage.path("totals").path("outputTokens").asLong()).isEqualTo(2);

        assertThat(alice.api().get("/api/ai/usage?user=admin").status()).isEqualTo(403);
        JsonNode asAdmin = admin.get("/api/ai/usage?user=" + alice.name()).json();
        assertThat(asAdmin.path("totals").path("calls").asLong()).isEqualTo(2);
        assertThat(alice.api().get("/api/ai/usage?from=yesterday").errorCode()).isEqualTo("invalid_from");
    }

    @Test
    void theChatSettingsAreValidatedAuditedAndShown() {
        var put = admin.put(
                "/api/ai/config",
                ApiClient.json(Map.of(
                        "maxToolSteps", 4,
                        "historyTokenBudget", 8000,
                        "toolOutputTokenBudget", 2000,
                        "dailyTokenBudget", 500000,
                        "writeToolsEnabled", false)));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        JsonNode view = alice.api().get("/api/ai/config").json();
        assertThat(view.path("maxToolSteps").asInt()).isEqualTo(4);
        assertThat(view.path("historyTokenBudget").asInt()).isEqualTo(8000);
        assertThat(view.path("toolOutputTokenBudget").asInt()).isEqualTo(2000);
        assertThat(view.path("dailyTokenBudget").asLong()).isEqualTo(500000);
        assertThat(view.path("writeToolsEnabled").asBoolean()).isFalse();
        JsonNode audit = admin.get("/api/audit?action=ai.config.update&limit=1").json();
        assertThat(audit.toString()).contains("maxToolSteps", "writeToolsEnabled");

        assertThat(admin.put("/api/ai/config", "{\"maxToolSteps\":0}").errorCode())
                .isEqualTo("invalid_maxToolSteps");
        assertThat(admin.put("/api/ai/config", "{\"dailyTokenBudget\":-1}").errorCode())
                .isEqualTo("invalid_dailyTokenBudget");
        assertThat(alice.api().put("/api/ai/config", "{\"maxToolSteps\":3}").status())
                .isEqualTo(403);

        // Read-only assistant: the model is offered no write tool.
        model.then(ScriptedModel.text("ok"));
        converse("anything");
        JsonNode tools = model.received().getLast().body().path("tools");
        assertThat(tools.valueStream()
                        .map(t -> t.path("function").path("name").asString())
                        .toList())
                .doesNotContain("scale_resource")
                .contains("get_resources");
    }
}
