package dev.pilothouse.ai.chat;

import static dev.pilothouse.support.RbacFixtures.bind;
import static dev.pilothouse.support.RbacFixtures.roleId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.ai.chat.ScriptedModel.Call;
import dev.pilothouse.support.ApiClient;
import dev.pilothouse.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Whole turns with the real tools: a scripted model asks for a change, the real {@code ai.tools}
 * previews it on the demo cluster as the user, the user decides over the real WebSocket, and the
 * result is looked for where a person would look — the resource API and the audit log.
 */
@IntegrationTest
class AssistantTurnTest {

    static final String DEMO = "/api/clusters/demo";
    static final ScriptedModel model = new ScriptedModel();

    @LocalServerPort
    int port;

    ApiClient admin;
    String deployment;

    @BeforeEach
    void setUp() {
        model.reset();
        admin = ChatTestSupport.admin(port);
        ChatTestSupport.useOpenAi(admin, model, Map.of());
        // A Deployment of this test's own, so other tests' view of the demo cluster stays as it was.
        deployment = ApiClient.uniqueName("turn").toLowerCase().replaceAll("[^a-z0-9-]", "-");
        var applied = admin.post(
                DEMO + "/apply", ApiClient.json(Map.of("yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %s
                  namespace: shop
                spec:
                  replicas: 1
                  selector:
                    matchLabels: {app: %s}
                  template:
                    metadata:
                      labels: {app: %s}
                    spec:
                      containers:
                        - name: app
                          image: nginx:1.27
                """.formatted(deployment, deployment, deployment))));
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        model.close();
    }

    ChatTestSupport.Person userWithRole(String role) {
        var person = ChatTestSupport.user(admin, port, role);
        bind(admin, person.id(), roleId(admin, role), List.of("demo"), List.of("*"));
        return person;
    }

    void scriptScaleTo(int replicas) {
        model.then(
                ScriptedModel.toolCalls(
                        null,
                        new Call(
                                "call_scale",
                                "scale_resource",
                                "{\"kind\":\"deployment\",\"name\":\"" + deployment
                                        + "\",\"namespace\":\"shop\",\"replicas\":" + replicas + "}")),
                ScriptedModel.text("Done."));
    }

    int replicas() {
        return admin.get(DEMO + "/resources/deployments/" + deployment + "?namespace=shop")
                .json()
                .at("/spec/replicas")
                .asInt();
    }

    JsonNode latestAudit(String action) {
        return admin.get("/api/audit?action=" + action + "&limit=50")
                .json()
                .get("items")
                .valueStream()
                .filter(row -> row.path("target").asString().contains(deployment))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + action + " row for " + deployment));
    }

    static Map<String, Object> decision(JsonNode confirm, boolean approved) {
        return Map.of(
                "type",
                "confirm_action",
                "confirmationId",
                confirm.path("confirmationId").asString(),
                "approved",
                approved);
    }

    @Test
    void anApprovedScaleIsPreviewedThenMadeAndShowsInTheApiAndTheAuditLog() {
        var operator = userWithRole("operator");
        scriptScaleTo(3);
        try (var chat = ChatClient.open(operator.api())) {
            chat.send(Map.of(
                    "type",
                    "user_message",
                    "text",
                    "scale " + deployment + " to 3",
                    "context",
                    Map.of("cluster", "demo")));
            JsonNode confirm = chat.await("confirm_action");
            // The preview is the cluster's own dry run of exactly this change.
            assertThat(confirm.path("cluster").asString()).isEqualTo("demo");
            assertThat(confirm.path("preview").path("dryRun").asBoolean()).isTrue();
            assertThat(confirm.path("preview").toString()).contains("replicas: 3");
            assertThat(replicas()).as("nothing written before the approval").isEqualTo(1);

            chat.send(decision(confirm, true));
            List<JsonNode> frames = chat.untilDone();
            JsonNode result = ChatWebSocketTest.ofType(frames, "tool_result").getFirst();
            assertThat(result.path("ok").asBoolean()).as(result.toString()).isTrue();
            // Reloaded, the conversation shows the tool's row as it was shown live.
            JsonNode saved = operator.api()
                    .get("/api/ai/conversations/"
                            + result.path("conversationId").asString())
                    .json();
            JsonNode toolMessage = saved.path("messages")
                    .valueStream()
                    .filter(m -> m.path("role").asString().equals("tool"))
                    .findFirst()
                    .orElseThrow();
            assertThat(toolMessage.path("summary").asString())
                    .isEqualTo(result.path("summary").asString());
        }

        assertThat(replicas()).isEqualTo(3);
        JsonNode scale = latestAudit("resource.scale");
        assertThat(scale.path("actor").asString()).isEqualTo(operator.name());
        assertThat(scale.path("outcome").asString()).isEqualTo("success");
        assertThat(scale.at("/details/via").asString()).isEqualTo("assistant");
        assertThat(latestAudit("ai.confirm").at("/details/decision").asString()).isEqualTo("approved");
        // The model was told what happened, as the tool's result.
        assertThat(model.received().getLast().allText()).contains(deployment);
    }

    @Test
    void aRejectedScaleChangesNothingAndTheModelIsToldSo() {
        var operator = userWithRole("operator");
        scriptScaleTo(4);
        try (var chat = ChatClient.open(operator.api())) {
            chat.send(Map.of("type", "user_message", "text", "scale it to 4", "context", Map.of("cluster", "demo")));
            chat.send(decision(chat.await("confirm_action"), false));
            chat.untilDone();
        }

        assertThat(replicas()).isEqualTo(1);
        assertThat(latestAudit("ai.confirm").at("/details/decision").asString()).isEqualTo("rejected");
        assertThat(model.received().getLast().allText()).containsIgnoringCase("rejected");
    }

    @Test
    void aViewersScaleIsRefusedWithTheReasonAndNeverAskedFor() {
        var viewer = userWithRole("viewer");
        scriptScaleTo(2);
        List<JsonNode> frames;
        try (var chat = ChatClient.open(viewer.api())) {
            chat.send(Map.of("type", "user_message", "text", "scale it to 2", "context", Map.of("cluster", "demo")));
            frames = chat.untilDone();
        }

        assertThat(ChatWebSocketTest.ofType(frames, "confirm_action")).isEmpty();
        JsonNode result = ChatWebSocketTest.ofType(frames, "tool_result").getFirst();
        assertThat(result.path("ok").asBoolean()).isFalse();
        assertThat(replicas()).isEqualTo(1);
        JsonNode denied = latestAudit("resource.scale");
        assertThat(denied.path("actor").asString()).isEqualTo(viewer.name());
        assertThat(denied.path("outcome").asString()).isEqualTo("denied");
        // The model reads why, in words it can pass on.
        assertThat(model.received().getLast().allText()).contains("viewer");
    }
}
