package dev.pilothouse.ai.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.pilothouse.ai.provider.LocalEmbedder;
import dev.pilothouse.support.ApiClient;
import dev.pilothouse.support.ServerTest;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The AI config REST endpoints over real HTTP, with a local OpenAI-compatible stand-in for the test call. */
class AiConfigApiTest extends ServerTest {

    @Autowired
    JdbcClient jdbc;

    ApiClient admin;
    HttpServer openAi;

    @BeforeEach
    void setUp() throws Exception {
        admin = admin();
        openAi = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        openAi.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            boolean good = "Bearer sk-good-key-1234"
                    .equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = (good
                            ? "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n"
                            : "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", good ? "text/event-stream" : "application/json");
            exchange.sendResponseHeaders(good ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        openAi.createContext("/v1/models", exchange -> {
            byte[] body =
                    "{\"object\":\"list\",\"data\":[{\"id\":\"local-model\",\"object\":\"model\",\"created\":1,\"owned_by\":\"me\"}]}"
                            .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        openAi.start();
    }

    @AfterEach
    void tearDown() {
        openAi.stop(0);
    }

    String openAiUrl() {
        return "http://127.0.0.1:" + openAi.getAddress().getPort() + "/v1";
    }

    @Test
    void aPartialUpdateChangesOnlyItsFieldsKeepsTheKeySecretAndIsAudited() {
        var put = admin.put(
                "/api/ai/config",
                ApiClient.json(Map.of(
                        "provider",
                        "openai",
                        "model",
                        "local-model",
                        "baseUrl",
                        openAiUrl(),
                        "apiKey",
                        "sk-good-key-1234")));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.body()).doesNotContain("sk-good-key");
        assertThat(put.json().path("apiKeySet").asBoolean()).isTrue();
        assertThat(put.json().path("apiKeyLast4").asString()).isEqualTo("1234");

        var partial = admin.put("/api/ai/config", "{\"toolsEnabled\":false}");
        assertThat(partial.status()).isEqualTo(200);
        var get = admin.get("/api/ai/config").json();
        assertThat(get.path("provider").asString()).isEqualTo("openai");
        assertThat(get.path("model").asString()).isEqualTo("local-model");
        assertThat(get.path("baseUrl").asString()).isEqualTo(openAiUrl());
        assertThat(get.path("toolsEnabled").asBoolean()).isFalse();
        assertThat(get.has("apiKey")).isFalse();
        assertThat(get.path("embeddingModel").asString()).isEqualTo(LocalEmbedder.MODEL_NAME);

        String stored = jdbc.sql("SELECT api_key_encrypted FROM ai_provider_keys WHERE provider = 'openai'")
                .query(String.class)
                .single();
        assertThat(stored).doesNotContain("sk-good-key");

        var audit = admin.get("/api/audit?action=ai.config.update").json();
        assertThat(audit.toString()).contains("toolsEnabled").doesNotContain("sk-good-key");
    }

    @Test
    void aNewBaseUrlOnAnotherHostIsNotGivenTheStoredKey() {
        admin.put(
                "/api/ai/config",
                ApiClient.json(Map.of(
                        "provider",
                        "openai",
                        "model",
                        "local-model",
                        "baseUrl",
                        openAiUrl(),
                        "apiKey",
                        "sk-good-key-1234")));

        var moved = admin.put("/api/ai/config", "{\"baseUrl\":\"https://collector.example.net/v1\"}");

        assertThat(moved.status()).as(moved.body()).isEqualTo(400);
        assertThat(moved.errorCode()).isEqualTo("api_key_required");
        assertThat(moved.body()).doesNotContain("sk-good");
        assertThat(admin.get("/api/ai/config").json().path("baseUrl").asString())
                .isEqualTo(openAiUrl());
        var refusal = admin.get("/api/audit?action=ai.config.update")
                .json()
                .path("items")
                .get(0);
        assertThat(refusal.path("outcome").asString()).isEqualTo("failure");
        assertThat(refusal.path("details").path("error").asString()).isEqualTo("api_key_required");

        // The same host on another path keeps its key; another host with its own key is fine.
        assertThat(admin.put("/api/ai/config", ApiClient.json(Map.of("baseUrl", openAiUrl() + "/")))
                        .status())
                .isEqualTo(200);
        var withKey = admin.put(
                "/api/ai/config",
                ApiClient.json(Map.of("baseUrl", "https://collector.example.net/v1", "apiKey", "sk-other-5678")));
        assertThat(withKey.status()).as(withKey.body()).isEqualTo(200);
        assertThat(withKey.json().path("apiKeyLast4").asString()).isEqualTo("5678");
    }

    @Test
    void aFailedConnectionTestIsAuditedAsAFailure() {
        admin.put(
                "/api/ai/config",
                ApiClient.json(Map.of(
                        "provider",
                        "openai",
                        "model",
                        "local-model",
                        "baseUrl",
                        openAiUrl(),
                        "apiKey",
                        "sk-good-key-1234")));
        var bad = admin.post("/api/ai/config/test", "{\"apiKey\":\"sk-wrong\"}").json();
        assertThat(bad.path("ok").asBoolean()).isFalse();
        var entry = admin.get("/api/audit?action=ai.config.test")
                .json()
                .path("items")
                .get(0);
        assertThat(entry.path("outcome").asString()).isEqualTo("failure");
        assertThat(entry.path("details").path("error").asString()).isEqualTo("authentication");
    }

    @Test
    void temperatureIsSetKeptWhenAbsentAndResetWithNull() {
        assertThat(admin.put("/api/ai/config", "{\"temperature\":0.3}")
                        .json()
                        .path("temperature")
                        .asDouble())
                .isEqualTo(0.3);
        assertThat(admin.put("/api/ai/config", "{\"maxOutputTokens\":2000}")
                        .json()
                        .path("temperature")
                        .asDouble())
                .isEqualTo(0.3);

        var reset = admin.put("/api/ai/config", "{\"temperature\":null}");

        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.json().path("temperature").isNull()).isTrue();
        assertThat(admin.get("/api/ai/config").json().path("temperature").isNull())
                .isTrue();
        for (String bad : List.of("2.5", "\"hot\"")) {
            var refused = admin.put("/api/ai/config", "{\"temperature\":" + bad + "}");
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().path("error").path("code").asString()).isEqualTo("invalid_temperature");
        }
    }

    @Test
    void theConnectionTestReportsOkOrTheProvidersErrorInPlainWords() {
        admin.put(
                "/api/ai/config",
                ApiClient.json(Map.of(
                        "provider",
                        "openai",
                        "model",
                        "local-model",
                        "baseUrl",
                        openAiUrl(),
                        "apiKey",
                        "sk-good-key-1234")));

        var ok = admin.post("/api/ai/config/test", "").json();
        assertThat(ok.path("ok").asBoolean()).as(ok.toString()).isTrue();
        assertThat(ok.path("reply").asString()).isEqualTo("ok");
        assertThat(ok.path("latencyMs").asLong()).isGreaterThanOrEqualTo(0);

        var bad = admin.post("/api/ai/config/test", "{\"apiKey\":\"sk-wrong\"}").json();
        assertThat(bad.path("ok").asBoolean()).isFalse();
        assertThat(bad.path("errorCode").asString()).isEqualTo("authentication");
        assertThat(bad.path("errorMessage").asString())
                .isEqualTo("The OpenAI API key was rejected — check it in Settings → AI Assistant.");

        var models = admin.get("/api/ai/models").json();
        assertThat(models.path("models").get(0).asString()).isEqualTo("local-model");

        // The stored key is not sent to another server for a test; that server's own key is.
        var elsewhere = admin.post("/api/ai/config/test", "{\"baseUrl\":\"https://collector.example.net/v1\"}");
        assertThat(elsewhere.status()).isEqualTo(400);
        assertThat(elsewhere.errorCode()).isEqualTo("api_key_required");
        assertThat(admin.get("/api/audit?action=ai.config.test")
                        .json()
                        .path("items")
                        .toString())
                .contains(openAiUrl());
    }

    @Test
    void badInputSaysWhatWasWrong() {
        var provider = admin.put("/api/ai/config", "{\"provider\":\"gemini\"}");
        assertThat(provider.status()).isEqualTo(400);
        assertThat(provider.errorCode()).isEqualTo("invalid_provider");
        assertThat(provider.errorMessage()).contains("anthropic, openai, ollama");

        var url = admin.put("/api/ai/config", "{\"baseUrl\":\"ftp//nope\"}");
        assertThat(url.status()).isEqualTo(400);
        assertThat(url.errorCode()).isEqualTo("invalid_base_url");
        var credentials = admin.put("/api/ai/config", "{\"baseUrl\":\"https://user:s3cret@llm.example.net/v1\"}");
        assertThat(credentials.status()).isEqualTo(400);
        assertThat(credentials.errorMessage()).contains("API key field").doesNotContain("s3cret");
    }

    @Test
    void aUserMayReadButNotChangeOrTest() {
        var user = newUser("viewer").client();

        admin.put(
                "/api/ai/config",
                ApiClient.json(Map.of(
                        "provider",
                        "openai",
                        "model",
                        "local-model",
                        "baseUrl",
                        openAiUrl(),
                        "apiKey",
                        "sk-good-key-1234")));
        var seen = user.get("/api/ai/config");
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.json().path("apiKeySet").asBoolean()).isTrue();
        assertThat(seen.json().path("apiKeyLast4").isNull())
                .as("last 4 for admins only")
                .isTrue();
        assertThat(seen.body()).doesNotContain("1234").doesNotContain(openAiUrl());
        assertThat(user.put("/api/ai/config", "{\"toolsEnabled\":true}").status())
                .isEqualTo(403);
        assertThat(user.post("/api/ai/config/test", "").status()).isEqualTo(403);
        assertThat(anonymous().get("/api/ai/config").status()).isEqualTo(401);
    }
}
