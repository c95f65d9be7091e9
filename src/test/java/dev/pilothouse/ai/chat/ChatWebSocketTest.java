package dev.pilothouse.ai.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.ai.chat.ScriptedModel.Call;
import dev.pilothouse.ai.chat.ScriptedModel.Received;
import dev.pilothouse.ai.tools.ToolOutcome;
import dev.pilothouse.support.ApiClient;
import dev.pilothouse.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
        // Paced like a real model, so each piece is its own frame (pieces that queue up are merged).
        model.then(ScriptedModel.slowText(Duration.ofMillis(40), "Pods ", "restart when ", "their container exits."));
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
            assertThat(done.path("usage").path("inputTokens").asLong()).isEqualTo(100);
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

    @Test
    void aCrashLoopInvestigationCallsPodsEventsAndLogsThenAnswers() {
        tools.answer(
                "get_resources",
                new ToolOutcome.Success(
                        "<tool-output>NAME checkout-api-7d9 READY 0/1 STATUS CrashLoopBackOff RESTARTS 14</tool-output>",
                        "Listed pods in shop — 1 pod, 1 unhealthy"));
        tools.answer(
                "get_events",
                new ToolOutcome.Success(
                        "<tool-output>Warning BackOff pod/checkout-api-7d9 Back-off restarting failed container</tool-output>",
                        "Read 1 warning event"));
        tools.answer(
                "get_logs",
                new ToolOutcome.Success(
                        "<tool-output>panic: DATABASE_URL is not set</tool-output>",
                        "Read 1 log line of checkout-api-7d9"));
        tools.readDelay(Duration.ofMillis(300));
        model.then(
                ScriptedModel.toolCalls(
                        "Let me look.",
                        new Call("call_pods", "get_resources", "{\"kind\":\"pods\",\"namespace\":\"shop\"}"),
                        new Call("call_events", "get_events", "{\"namespace\":\"shop\"}")),
                ScriptedModel.toolCalls(
                        null,
                        new Call("call_logs", "get_logs", "{\"namespace\":\"shop\",\"pod\":\"checkout-api-7d9\"}")),
                ScriptedModel.text("`checkout-api` crashes because ", "DATABASE_URL is not set."));
        try (var chat = ChatClient.open(alice.api())) {
            chat.send(Map.of(
                    "type", "user_message",
                    "text", "Why is checkout-api crash-looping?",
                    "context",
                            Map.of(
                                    "cluster",
                                    "demo",
                                    "namespace",
                                    "shop",
                                    "kind",
                                    "Deployment",
                                    "name",
                                    "checkout-api")));
            List<JsonNode> frames = chat.untilDone();

            // The reads of one step run in parallel, so their frames may come in either order.
            assertThat(ofType(frames, "tool_call").stream()
                            .map(f -> f.path("name").asString()))
                    .containsExactlyInAnyOrder("get_resources", "get_events", "get_logs");
            assertThat(ofType(frames, "tool_call").getLast().path("name").asString())
                    .isEqualTo("get_logs");
            JsonNode first = ofType(frames, "tool_call").stream()
                    .filter(f -> f.path("callId").asString().equals("call_pods"))
                    .findFirst()
                    .orElseThrow();
            assertThat(first.path("name").asString()).isEqualTo("get_resources");
            assertThat(first.path("arguments").path("namespace").asString()).isEqualTo("shop");
            assertThat(ofType(frames, "tool_result").stream()
                            .map(f -> f.path("summary").asString()))
                    .contains("Listed pods in shop — 1 pod, 1 unhealthy", "Read 1 log line of checkout-api-7d9");
            assertThat(ofType(frames, "tool_result"))
                    .allSatisfy(f -> assertThat(f.path("ok").asBoolean()).isTrue());
            assertThat(tokens(frames)).endsWith("DATABASE_URL is not set.");
            assertThat(frames.getLast().path("stopReason").asString()).isEqualTo("end_turn");
            // Three model calls, their usage summed.
            assertThat(frames.getLast().path("usage").path("inputTokens").asLong())
                    .isEqualTo(300 + 300 + 120);

            // The two reads of one step ran at the same time; the tools ran as alice, on the page's cluster.
            var executed = tools.executed();
            var pods = executed.stream()
                    .filter(e -> e.call().name().equals("get_resources"))
                    .findFirst()
                    .orElseThrow();
            var events = executed.stream()
                    .filter(e -> e.call().name().equals("get_events"))
                    .findFirst()
                    .orElseThrow();
            assertThat(pods.startedAt()).isLessThan(events.endedAt());
            assertThat(events.startedAt()).isLessThan(pods.endedAt());
            assertThat(executed).allSatisfy(e -> {
                assertThat(e.context().username()).isEqualTo(alice.name());
                assertThat(e.context().pageCluster()).isEqualTo("demo");
            });

            // What the model received: the page context, then each tool's full result under its call id.
            var requests = model.received();
            assertThat(requests).hasSize(3);
            assertThat(requests.get(0).systemPrompt())
                    .contains("namespace shop", "Deployment checkout-api", "cluster demo");
            JsonNode messages = requests.get(2).body().path("messages");
            var toolMessages = messages.valueStream()
                    .filter(m -> m.path("role").asString().equals("tool"))
                    .toList();
            assertThat(toolMessages).hasSize(3);
            assertThat(toolMessages.get(0).path("tool_call_id").asString()).isEqualTo("call_pods");
            assertThat(toolMessages.get(0).path("content").asString()).contains("CrashLoopBackOff");
            assertThat(toolMessages.get(2).path("content").asString()).contains("panic: DATABASE_URL is not set");
        }
    }

    @Test
    void aWriteWaitsForApprovalAndRunsOnlyOnceApproved() {
        model.then(
                ScriptedModel.toolCalls(
                        null,
                        new Call(
                                "call_scale",
                                "scale_resource",
                                "{\"kind\":\"deployment\",\"name\":\"web\",\"namespace\":\"shop\",\"replicas\":5}")),
                ScriptedModel.text("Scaled web to 5."));
        try (var chat = ChatClient.open(alice.api())) {
            chat.send(Map.of("type", "user_message", "text", "scale web to 5", "context", Map.of("cluster", "demo")));
            JsonNode confirm = chat.await("confirm_action");
            assertThat(confirm.path("tool").asString()).isEqualTo("scale_resource");
            assertThat(confirm.path("callId").asString()).isEqualTo("call_scale");
            assertThat(confirm.path("arguments").path("replicas").asInt()).isEqualTo(5);
            assertThat(confirm.path("cluster").asString()).isEqualTo("demo");
            assertThat(confirm.path("preview").path("dryRun").asBoolean()).isTrue();
            assertThat(confirm.has("expiresAt")).isTrue();
            // Nothing goes back to the model while the user decides.
            assertThat(model.received()).hasSize(1);

            chat.send(Map.of(
                    "type",
                    "confirm_action",
                    "confirmationId",
                    confirm.path("confirmationId").asString(),
                    "approved",
                    true));
            List<JsonNode> frames = chat.untilDone();
            JsonNode result = ofType(frames, "tool_result").getFirst();
            assertThat(result.path("ok").asBoolean()).isTrue();
            assertThat(result.path("summary").asString()).isEqualTo("Scaled deployment/web to 5");
            assertThat(model.received().getLast().allText()).contains("scaled deployment/web to 5");
            assertThat(confirmations.decisions().getLast().username()).isEqualTo(alice.name());

            // A second answer to the same confirmation is refused on a socket that stays open.
            chat.send(Map.of(
                    "type",
                    "confirm_action",
                    "confirmationId",
                    confirm.path("confirmationId").asString(),
                    "approved",
                    false));
            assertThat(chat.await("error").path("code").asString()).isEqualTo("confirmation_already_decided");
        }
    }

    @Test
    void aRejectedWriteDoesNotRunAndTheModelIsToldSo() {
        model.then(
                ScriptedModel.toolCalls(
                        null,
                        new Call(
                                "call_scale",
                                "scale_resource",
                                "{\"kind\":\"deployment\",\"name\":\"web\",\"namespace\":\"shop\",\"replicas\":0}")),
                ScriptedModel.text("Left web as it is."));
        try (var chat = ChatClient.open(alice.api())) {
            chat.send(message("scale web to 0"));
            JsonNode confirm = chat.await("confirm_action");
            chat.send(Map.of(
                    "type",
                    "confirm_action",
                    "confirmationId",
                    confirm.path("confirmationId").asString(),
                    "approved",
                    false));
            List<JsonNode> frames = chat.untilDone();
            JsonNode result = ofType(frames, "tool_result").getFirst();
            assertThat(result.path("ok").asBoolean()).isFalse();
            assertThat(result.path("summary").asString()).isEqualTo("Not approved: rejected");
            assertThat(model.received().getLast().allText()).contains("did not approve");
        }
    }

    @Test
    void anotherUsersConfirmationIsRefused() {
        model.then(
                ScriptedModel.toolCalls(
                        null,
                        new Call(
                                "call_scale",
                                "scale_resource",
                                "{\"kind\":\"deployment\",\"name\":\"web\",\"namespace\":\"shop\",\"replicas\":2}")),
                ScriptedModel.text("ok"));
        var bob = ChatTestSupport.user(admin, port, "bob");
        try (var chat = ChatClient.open(alice.api());
                var other = ChatClient.open(bob.api())) {
            chat.send(message("scale web to 2"));
            String id = chat.await("confirm_action").path("confirmationId").asString();
            other.send(Map.of("type", "confirm_action", "confirmationId", id, "approved", true));
            assertThat(other.await("error").path("code").asString()).isEqualTo("confirmation_not_found");
            assertThat(tools.executed()).isEmpty(); // still waiting for alice
            chat.send(Map.of("type", "confirm_action", "confirmationId", id, "approved", false));
            chat.untilDone();
        }
    }

    @Test
    void cancelStopsTheModelAtOnceAndKeepsThePartialReplyMarked() throws Exception {
        String[] pieces = new String[60];
        java.util.Arrays.fill(pieces, "word ");
        model.then(ScriptedModel.slowText(Duration.ofMillis(100), pieces));
        try (var chat = ChatClient.open(alice.api())) {
            chat.send(message("write a long story"));
            String id = chat.await("conversation").path("conversationId").asString();
            chat.await("token");
            chat.await("token");
            long start = System.nanoTime();
            chat.send(Map.of("type", "cancel", "conversationId", id));
            JsonNode done = chat.await("message_done");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(done.path("stopReason").asString()).isEqualTo("cancelled");
            assertThat(model.clientLeft.await(5, TimeUnit.SECONDS))
                    .as("the model's stream was closed")
                    .isTrue();

            var saved = alice.api().get("/api/ai/conversations/" + id).json().path("messages");
            JsonNode reply = saved.get(saved.size() - 1);
            assertThat(reply.path("status").asString()).isEqualTo("cancelled");
            assertThat(reply.path("content").asString()).startsWith("word word");
            assertThat(reply.path("content").asString().length()).isLessThan(60 * 5);
        }
    }

    @Test
    void aRefusedApiKeyEndsTheTurnWithAnErrorSayingWhereToFixIt() {
        model.then(
                ScriptedModel.status(
                        401,
                        "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"));
        try (var chat = ChatClient.open(alice.api())) {
            chat.send(message("hello"));
            List<JsonNode> frames = chat.untilDone();
            JsonNode error = ofType(frames, "error").getFirst();
            assertThat(error.path("code").asString()).isEqualTo("provider_authentication");
            assertThat(error.path("message").asString()).contains("Settings → AI Assistant");
            assertThat(error.path("conversationId").asString()).isNotBlank();
            assertThat(frames.getLast().path("stopReason").asString()).isEqualTo("error");
            assertThat(model.received()).hasSize(1); // a refused key is not retried
            assertThat(chat.isOpen()).isTrue();
        }
    }

    @Test
    void aProviderWithoutAKeySaysItIsNotSetUpRatherThanThatAKeyWasRefused() {
        // A fresh install: Anthropic chosen, no key stored. The panel tells "not set up" (what to
        // do: add a key) from "refused" (check the key) by this code.
        var put = admin.put("/api/ai/config", ApiClient.json(Map.of("provider", "anthropic", "apiKey", "")));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        try (var chat = ChatClient.open(alice.api())) {
            chat.send(message("hello"));
            List<JsonNode> frames = chat.untilDone();
            JsonNode error = ofType(frames, "error").getFirst();
            assertThat(error.path("code").asString()).isEqualTo("provider_not_configured");
            assertThat(error.path("message").asString())
                    .isEqualTo("No Anthropic API key is set — add one in Settings → AI Assistant.");
            assertThat(frames.getLast().path("stopReason").asString()).isEqualTo("error");
            assertThat(model.received()).as("nothing was sent anywhere").isEmpty();
            assertThat(chat.isOpen()).isTrue();
        }
    }

    @Test
    void anOverloadedProviderIsRetriedThenReportedAndAStreamBrokenMidwayKeepsItsPartialReply() {
        String overloaded = "{\"error\":{\"message\":\"Overloaded\",\"type\":\"overloaded_error\"}}";
        model.then(
                ScriptedModel.status(529, overloaded),
                ScriptedModel.status(529, overloaded),
                ScriptedModel.status(529, overloaded));
        try (var chat = ChatClient.open(alice.api())) {
            chat.send(message("hello"));
            List<JsonNode> frames = chat.untilDone();
            assertThat(ofType(frames, "error").getFirst().path("code").asString())
                    .isEqualTo("provider_overloaded");
            assertThat(ofType(frames, "error").getFirst().path("message").asString())
                    .contains("Try again");
            assertThat(model.received()).hasSize(3); // retried before the first token, as the policy says

            model.then(s -> {
                s.event(ScriptedModel.textChunk("The first half "));
                s.event("data: {this is not json\n\n");
            });
            chat.send(message("again"));
            String id = chat.await("conversation").path("conversationId").asString();
            List<JsonNode> second = chat.untilDone();
            assertThat(tokens(second)).isEqualTo("The first half ");
            assertThat(ofType(second, "error")).hasSize(1);
            var saved = alice.api().get("/api/ai/conversations/" + id).json().path("messages");
            assertThat(saved.get(saved.size() - 1).path("status").asString()).isEqualTo("error");
            assertThat(saved.get(saved.size() - 1).path("content").asString()).isEqualTo("The first half ");
        }
    }

    @Test
    void historyReloadsOnANewSocketAndTheNextTurnSendsItToTheModel() {
        model.then(
                ScriptedModel.text("Deployments manage ", "replica sets."),
                ScriptedModel.text("Use kubectl rollout undo."));
        String id;
        try (var chat = ChatClient.open(alice.api())) {
            chat.send(message("What is a deployment?"));
            id = chat.await("conversation").path("conversationId").asString();
            chat.untilDone();
        }
        try (var chat = ChatClient.open(alice.api())) {
            chat.send(Map.of("type", "load_history", "conversationId", id));
            JsonNode history = chat.await("history");
            assertThat(history.path("conversationId").asString()).isEqualTo(id);
            assertThat(history.path("messages")
                            .valueStream()
                            .map(m -> m.path("content").asString())
                            .toList())
                    .containsExactly("What is a deployment?", "Deployments manage replica sets.");

            chat.send(message("And how do I roll one back?", id));
            chat.untilDone();
            JsonNode messages = model.received().getLast().body().path("messages");
            assertThat(messages.valueStream()
                            .map(m -> m.path("role").asString())
                            .toList())
                    .containsExactly("system", "user", "assistant", "user");
            assertThat(messages.get(2).path("content").asString()).isEqualTo("Deployments manage replica sets.");
        }
    }

    @Test
    void aLongConversationIsCompactedIntoASavedSummaryKeepingTheLatestQuestion() {
        ChatTestSupport.useOpenAi(admin, model, Map.of("historyTokenBudget", 1_000));
        String longAnswer = "detail ".repeat(700); // ~700 tokens (o200k and TokenEstimate alike)
        model.then(ScriptedModel.text(longAnswer), ScriptedModel.text(longAnswer));
        String id;
        try (var chat = ChatClient.open(alice.api())) {
            chat.send(message("First question about the prod ingress"));
            id = chat.await("conversation").path("conversationId").asString();
            chat.untilDone();
            chat.send(message("Second question", id));
            chat.untilDone();
            model.then(
                    ScriptedModel.text("The user asked about the prod ingress; long details were given."),
                    ScriptedModel.text("Here is the third answer."));
            chat.send(message("Third question", id));
            chat.untilDone();
        }
        var requests = model.received();
        Received summaryCall = requests.get(requests.size() - 2);
        assertThat(summaryCall.systemPrompt()).contains("Summarize the conversation");
        assertThat(summaryCall.allText()).contains("First question about the prod ingress");
        Received answer = requests.getLast();
        assertThat(answer.systemPrompt()).contains("The user asked about the prod ingress; long details were given.");
        JsonNode messages = answer.body().path("messages");
        assertThat(messages.get(messages.size() - 1).path("content").asString()).isEqualTo("Third question");
        assertThat(answer.allText()).doesNotContain("First question about the prod ingress");

        // Saved: the next turn starts from the summary instead of making it again.
        model.then(ScriptedModel.text("Fourth."));
        try (var chat = ChatClient.open(alice.api())) {
            chat.send(message("Fourth question", id));
            chat.untilDone();
        }
        assertThat(model.received().getLast().systemPrompt()).contains("long details were given");
        assertThat(model.received()).hasSize(requests.size() + 1);
    }

    @Test
    void theStepLimitEndsATurnWithAClearNote() {
        ChatTestSupport.useOpenAi(admin, model, Map.of("maxToolSteps", 2));
        tools.answer("get_events", new ToolOutcome.Success("<tool-output>none</tool-output>", "No events"));
        model.always(ScriptedModel.toolCalls(null, new Call("call_e", "get_events", "{\"namespace\":\"shop\"}")));
        try (var chat = ChatClient.open(alice.api())) {
            chat.send(message("keep looking"));
            List<JsonNode> frames = chat.untilDone();
            assertThat(frames.getLast().path("stopReason").asString()).isEqualTo("max_steps");
            assertThat(tokens(frames)).contains("stopped after 2 tool steps");
            assertThat(model.received()).hasSize(2);
        }
    }

    @Test
    void theDailyTokenBudgetRefusesFurtherMessagesWithAClearError() {
        model.then(ScriptedModel.text("one"));
        try (var chat = ChatClient.open(alice.api())) {
            chat.send(message("first"));
            chat.untilDone();
            ChatTestSupport.useOpenAi(admin, model, Map.of("dailyTokenBudget", 100));
            chat.send(message("second"));
            JsonNode error = chat.await("error");
            assertThat(error.path("code").asString()).isEqualTo("token_budget_exceeded");
            assertThat(error.path("message").asString()).contains("resets at 00:00 UTC");
            assertThat(model.received()).hasSize(1);
        }
    }

    @Autowired
    TurnEngine engine;

    @Autowired
    RunningTurns running;

    @Autowired
    ConversationRepository conversations;

    @Test
    void theConversationIsFreeByTheTimeMessageDoneIsSent() {
        model.then(ScriptedModel.text("hi"));
        var user = new ChatUser(alice.id(), alice.name(), alice.name(), false, "test-session");
        var id = java.util.UUID.randomUUID();
        conversations.create(id, user.id(), "free again", PageContext.NONE);
        var conversation = conversations.find(id, user.id()).orElseThrow();
        var turn = running.claim(id, user).orElseThrow();
        var stillRunningAtDone = new java.util.concurrent.atomic.AtomicReference<Boolean>();
        TurnOutput out = new TurnOutput() {
            @Override
            public void send(ServerFrame frame) {
                if (frame instanceof ServerFrame.MessageDone)
                    stillRunningAtDone.set(running.get(id).isPresent());
            }

            @Override
            public boolean isOpen() {
                return true;
            }
        };

        engine.run(new TurnEngine.TurnRequest(user, conversation, "hello", PageContext.NONE, turn, out));

        assertThat(stillRunningAtDone.get())
                .as("turn still claimed when message_done was sent")
                .isFalse();
    }

    @Test
    void theNextMessageSentTheMomentMessageDoneArrivesIsAccepted() {
        // The conversation must be free before message_done goes out, not just after: a client
        // (or a person with a fast keyboard) may send again as soon as it reads the frame.
        for (int i = 0; i < 10; i++) model.then(ScriptedModel.text("answer " + i));
        try (var chat = ChatClient.open(alice.api())) {
            chat.send(message("question 0"));
            String id = chat.await("conversation").path("conversationId").asString();
            for (int i = 0; i < 10; i++) {
                List<JsonNode> frames = chat.untilDone();
                assertThat(ofType(frames, "error")).as("turn %d", i).isEmpty();
                assertThat(tokens(frames)).isEqualTo("answer " + i);
                if (i < 9) chat.send(message("question " + (i + 1), id));
            }
        }
    }

    @Test
    void withQueryRewritingOnTheRewriteCallComesFirstAndCountsForTheUser() {
        ChatTestSupport.useOpenAi(admin, model, Map.of("queryRewriting", true));
        JsonNode before = alice.api().get("/api/ai/usage").json().path("totals");
        model.then(ScriptedModel.text("DaemonSet one Pod per node"), ScriptedModel.text("Use a DaemonSet."));
        try (var chat = ChatClient.open(alice.api())) {
            chat.send(message("I need my log agent on every machine"));
            List<JsonNode> frames = chat.untilDone();

            assertThat(tokens(frames)).isEqualTo("Use a DaemonSet.");
            // Two model calls (the rewrite, then the answer): both counted in the turn's usage.
            assertThat(frames.getLast().path("usage").path("inputTokens").asLong())
                    .isEqualTo(240);
        } finally {
            ChatTestSupport.useOpenAi(admin, model, Map.of("queryRewriting", false));
        }
        assertThat(model.received()).hasSize(2);
        assertThat(model.received().getFirst().allText()).contains("search queries", "log agent on every machine");
        JsonNode after = alice.api().get("/api/ai/usage").json().path("totals");
        assertThat(after.path("calls").asLong() - before.path("calls").asLong()).isEqualTo(2);
        assertThat(after.path("inputTokens").asLong()
                        - before.path("inputTokens").asLong())
                .isEqualTo(240);
    }

    @Test
    void aTurnThroughTheAnthropicAdapterStreamsToo() {
        var body = Map.<String, Object>of(
                "provider",
                "anthropic",
                "model",
                "claude-test",
                "baseUrl",
                model.anthropicBaseUrl(),
                "apiKey",
                "sk-ant-test-key");
        var put = admin.put("/api/ai/config", ApiClient.json(body));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        model.then(ScriptedModel.anthropicText(Duration.ofMillis(150), "Claude ", "says ", "hi."));
        try (var chat = ChatClient.open(alice.api())) {
            chat.send(message("hello"));
            List<JsonNode> frames = chat.untilDone();
            // The first call through the Anthropic SDK in this JVM loads its classes as events arrive,
            // so pieces can queue and be merged into one frame ("says hi."); the adapter itself hands
            // each delta on at once (ProviderContract: a delta reaches the caller while the stream stalls).
            assertThat(ofType(frames, "token")).hasSizeGreaterThanOrEqualTo(2);
            assertThat(tokens(frames)).isEqualTo("Claude says hi.");
            assertThat(frames.getLast().path("usage").path("inputTokens").asLong())
                    .isEqualTo(90);
        }
        Received request = model.received().getLast();
        assertThat(request.path()).isEqualTo("/v1/messages");
        assertThat(request.authorization()).endsWith("sk-ant-test-key");
        assertThat(request.systemPrompt()).contains("Pilothouse", "untrusted data");
    }

    @Autowired
    dev.pilothouse.ai.rag.RagService rag;

    @Test
    void answersCiteRetrievedDocsAndClusterChunksOnlyReachUsersWithARoleThere() {
        rag.reindexNow("test");
        String question = "cert-manager Certificate spec renewBefore and secretName fields";
        var viewer = ChatTestSupport.user(admin, port, "viewer");
        dev.pilothouse.support.RbacFixtures.bind(
                admin,
                viewer.id(),
                dev.pilothouse.support.RbacFixtures.roleId(admin, "viewer"),
                List.of("demo"),
                List.of("*"));

        model.then(ScriptedModel.text("See [1]."), ScriptedModel.text("See [1]."));
        JsonNode withRole;
        try (var chat = ChatClient.open(viewer.api())) {
            chat.send(Map.of("type", "user_message", "text", question, "context", Map.of("cluster", "demo")));
            withRole = chat.untilDone().getLast().path("citations");
        }
        String promptWithRole = model.received().getLast().systemPrompt();
        JsonNode without;
        try (var chat = ChatClient.open(alice.api())) {
            chat.send(Map.of("type", "user_message", "text", question, "context", Map.of("cluster", "demo")));
            without = chat.untilDone().getLast().path("citations");
        }

        assertThat(withRole.valueStream().map(c -> c.path("source").asString())).contains("crd");
        JsonNode crd = withRole.valueStream()
                .filter(c -> c.path("source").asString().equals("crd"))
                .findFirst()
                .orElseThrow();
        assertThat(crd.path("cluster").asString()).isEqualTo("demo");
        assertThat(crd.path("title").asString()).isNotBlank();
        assertThat(crd.path("location").asString()).isNotBlank();
        assertThat(promptWithRole).contains("<references>", "[1] ");
        assertThat(without.valueStream().map(c -> c.path("cluster")))
                .allSatisfy(c -> assertThat(c.isNull()).isTrue());
        assertThat(model.received().getLast().systemPrompt()).contains("Their role on cluster demo: none");
    }

    @Test
    void aTurnSurvivesTheBrowserLeavingAndIsSaved() throws Exception {
        model.then(ScriptedModel.slowText(Duration.ofMillis(50), "one ", "two ", "three ", "four ", "five."));
        String id;
        try (var chat = ChatClient.open(alice.api())) {
            chat.send(message("count to five"));
            id = chat.await("conversation").path("conversationId").asString();
            chat.await("token");
            chat.abort();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        JsonNode messages = null;
        while (System.nanoTime() < deadline) {
            messages = alice.api().get("/api/ai/conversations/" + id).json().path("messages");
            if (messages.size() == 2) break;
            Thread.sleep(100);
        }
        assertThat(messages.get(1).path("content").asString()).isEqualTo("one two three four five.");
        assertThat(messages.get(1).path("status").asString()).isEqualTo("complete");
        try (var chat = ChatClient.open(alice.api())) {
            chat.send(Map.of("type", "load_history", "conversationId", id));
            assertThat(chat.await("history")
                            .path("messages")
                            .get(1)
                            .path("content")
                            .asString())
                    .isEqualTo("one two three four five.");
        }
    }

    @Test
    void aSecondMessageWhileTheConversationsTurnRunsIsRefusedAndTheFirstGoesOn() {
        model.then(ScriptedModel.slowText(Duration.ofMillis(100), "a ", "b ", "c ", "d."));
        try (var chat = ChatClient.open(alice.api())) {
            chat.send(message("first"));
            String id = chat.await("conversation").path("conversationId").asString();
            chat.await("token");
            chat.send(message("second", id));
            JsonNode error = chat.await("error");
            assertThat(error.path("code").asString()).isEqualTo("turn_in_progress");
            assertThat(error.path("conversationId").asString()).isEqualTo(id);
            List<JsonNode> rest = chat.untilDone();
            assertThat(rest.getLast().path("stopReason").asString()).isEqualTo("end_turn");
            assertThat(model.received()).hasSize(1);
        }
    }
}
