package dev.pilothouse.ai.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilothouse.ai.provider.StandInServer.Reply;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Claude users with a Voyage key embed through Voyage's /v1/embeddings (format as documented in
 * Voyage's API reference), against a local stand-in.
 */
class VoyageEmbedderTest {

    final StandInServer server = new StandInServer();

    @AfterEach
    void stop() {
        server.close();
    }

    Embedder embedder(String voyageKey) {
        var settings = new ProviderSettings(
                ProviderKind.ANTHROPIC,
                "claude-test",
                "sk-ant-test",
                null,
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                1024,
                null,
                AnthropicProviderTest.FAST_RETRY);
        Embedder local = new Embedder() {
            public String modelName() {
                return "local-fake";
            }

            public int dimensions() {
                return 1;
            }

            public List<float[]> embed(List<String> texts) {
                return texts.stream().map(t -> new float[] {1f}).toList();
            }
        };
        return new LlmProviderFactory(() -> local)
                .create(settings, EmbeddingSettings.DEFAULT, voyageKey, server.baseUrl())
                .embedder();
    }

    static String response(String... data) {
        return "{\"object\":\"list\",\"data\":[" + String.join(",", data)
                + "],\"model\":\"voyage-3.5\",\"usage\":{\"total_tokens\":12}}";
    }

    static String vector(int index, String values) {
        return "{\"object\":\"embedding\",\"embedding\":[" + values + "],\"index\":" + index + "}";
    }

    @Test
    void embedsDocumentsWithTheKeyInOrderOfIndex() {
        server.reply(Reply.json(200, response(vector(1, "0.0,1.0"), vector(0, "1.0,0.0"))));

        var embedder = embedder("pa-voyage-key");
        List<float[]> vectors = embedder.embed(List.of("first", "second"));

        assertThat(embedder.modelName()).isEqualTo("voyage-3.5");
        assertThat(embedder.dimensions()).isEqualTo(1024);
        assertThat(vectors.get(0)).containsExactly(1f, 0f);
        assertThat(vectors.get(1)).containsExactly(0f, 1f);
        var request = server.lastRequest();
        assertThat(request.path()).isEqualTo("/v1/embeddings");
        assertThat(request.header("Authorization")).isEqualTo("Bearer pa-voyage-key");
        assertThat(request.json().path("model").asString()).isEqualTo("voyage-3.5");
        assertThat(request.json().path("input").get(1).asString()).isEqualTo("second");
        assertThat(request.json().path("input_type").asString()).isEqualTo("document");
    }

    @Test
    void embedsASearchQueryAsAQuery() {
        server.reply(Reply.json(200, response(vector(0, "0.5,0.5"))));

        float[] vector = embedder("pa-voyage-key").embedQuery("why is checkout crash looping?");

        assertThat(vector).containsExactly(0.5f, 0.5f);
        assertThat(server.lastRequest().json().path("input_type").asString()).isEqualTo("query");
    }

    @Test
    void aRejectedKeyIsReportedAsVoyagesNotAnthropics() {
        server.reply(Reply.json(401, "{\"detail\":\"Provided API key is invalid.\"}"));

        assertThatThrownBy(() -> embedder("pa-wrong").embed(List.of("x")))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LlmException.Kind.AUTHENTICATION);
                    assertThat(e.getMessage())
                            .startsWith("The Voyage AI API key was rejected")
                            .doesNotContain("Anthropic");
                    assertThat(e.detail()).isEqualTo("Provided API key is invalid.");
                });
    }

    @Test
    void aBadRequestQuotesVoyagesReason() {
        server.reply(Reply.json(400, "{\"detail\":\"Model voyage-x is not supported.\"}"));

        assertThatThrownBy(() -> embedder("pa-voyage-key").embed(List.of("x")))
                .isInstanceOfSatisfying(
                        LlmException.class,
                        e -> assertThat(e.getMessage())
                                .isEqualTo("Voyage AI refused the request: Model voyage-x is not supported."));
    }

    @Test
    void withoutAVoyageKeyClaudeUsersEmbedLocally() {
        var embedder = embedder(null);

        assertThat(embedder.modelName()).isEqualTo(LocalEmbedder.MODEL_NAME);
        assertThat(embedder.embed(List.of("x"))).hasSize(1);
        assertThat(server.requests()).isEmpty();
    }
}
