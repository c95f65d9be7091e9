package dev.pilothouse.ai.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.support.ApiClient;
import dev.pilothouse.support.IntegrationTest;
import java.util.LinkedHashMap;
import java.util.Map;

/** Shared setup of the chat tests: the AI settings pointing at a scripted model, and fresh users. */
final class ChatTestSupport {

    static final String API_KEY = "sk-chat-test-key-9876";
    static final String PASSWORD = "chat-user-password-1";

    private ChatTestSupport() {}

    static ApiClient admin(int port) {
        return new ApiClient(port).loggedIn("admin", IntegrationTest.ADMIN_PASSWORD);
    }

    static void useOpenAi(ApiClient admin, ScriptedModel model, Map<String, Object> more) {
        var body = new LinkedHashMap<String, Object>();
        body.put("provider", "openai");
        body.put("model", "gpt-test");
        body.put("baseUrl", model.openAiBaseUrl());
        body.put("apiKey", API_KEY);
        body.put("embeddingProvider", "local");
        body.put("toolsEnabled", true);
        body.put("writeToolsEnabled", true);
        body.put("maxToolSteps", 10);
        body.put("historyTokenBudget", 24_000);
        body.put("dailyTokenBudget", 0);
        body.putAll(more);
        var put = admin.put("/api/ai/config", ApiClient.json(body));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
    }

    record Person(String name, java.util.UUID id, ApiClient api) {}

    /** A new user (not an administrator), logged in. */
    static Person user(ApiClient admin, int port, String prefix) {
        String name = ApiClient.uniqueName(prefix);
        var id = admin.createUser(name, PASSWORD, false);
        return new Person(name, id, new ApiClient(port).loggedIn(name, PASSWORD));
    }
}
