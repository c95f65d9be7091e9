package dev.pilothouse.ai.admin;

import static dev.pilothouse.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.ai.provider.LocalEmbedder;
import dev.pilothouse.ai.rag.RagService;
import dev.pilothouse.support.ApiClient;
import dev.pilothouse.support.ServerTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The RAG admin endpoints over real HTTP, indexing what the server itself indexes: guides, plugins, the demo cluster. */
class RagApiTest extends ServerTest {

    @Autowired
    RagService rag;

    @Autowired
    JdbcClient jdbc;

    ApiClient admin;

    @BeforeEach
    void setUp() {
        admin = admin();
    }

    @Test
    void statusShowsEverySourceAfterARun() {
        rag.reindexNow("test");
        JsonNode status = admin.get("/api/ai/rag/status").json();
        assertThat(status.path("model").asString()).isEqualTo(LocalEmbedder.MODEL_NAME);
        assertThat(status.path("dimensions").asInt()).isEqualTo(384);
        assertThat(status.path("running").asBoolean()).isFalse();
        assertThat(status.path("chunks").asLong()).isPositive();
        assertThat(status.path("progress").path("state").asString()).isEqualTo("done");
        var sources = status.path("sources")
                .valueStream()
                .filter(s -> s.path("model").asString().equals(LocalEmbedder.MODEL_NAME))
                .collect(java.util.stream.Collectors.toMap(s -> s.path("source").asString(), s -> s));
        assertThat(sources).containsKeys("docs", "plugins", "crd:demo", "openapi:demo");
        assertThat(sources.get("docs").path("chunks").asInt()).isPositive();
        assertThat(sources.get("docs").path("type").asString()).isEqualTo("docs");
        assertThat(sources.get("plugins").path("documents").asInt()).isEqualTo(2);
        assertThat(sources.get("crd:demo").path("cluster").asString()).isEqualTo("demo");
        assertThat(sources.get("crd:demo").path("chunks").asInt()).isPositive();
        assertThat(sources.get("crd:demo").path("error").isNull()).isTrue();
        assertThat(sources.get("docs").has("lastRunAt")).isTrue();
        assertThat(sources.get("docs").has("durationMs")).isTrue();
    }

    @Test
    void aCompleteRunRemovesTheChunksOfEarlierEmbeddingModels() {
        jdbc.sql("""
                INSERT INTO ai_embeddings (source, source_type, source_id, chunk_index, content, content_hash, model, dims, embedding)
                VALUES ('docs', 'docs', 'old.md', 0, 'old text', 'h', 'old-model', 3, '[1,2,3]')
                """).update();
        // What an installation from before the default model changed has: all-MiniLM-L6-v2 vectors.
        String minilm = "[" + String.join(",", java.util.Collections.nCopies(384, "0.05")) + "]";
        jdbc.sql("""
                INSERT INTO ai_embeddings (source, source_type, source_id, chunk_index, content, content_hash, model, dims, embedding)
                VALUES ('docs', 'docs', 'guides/old.md', 0, 'old text', 'h', 'all-minilm-l6-v2', 384, ?::vector)
                """).param(minilm).update();
        rag.reindexNow("test");
        assertThat(jdbc.sql("SELECT count(*) FROM ai_embeddings WHERE model IN ('old-model', 'all-minilm-l6-v2')")
                        .query(Integer.class)
                        .single())
                .isZero();
        JsonNode status = admin.get("/api/ai/rag/status").json();
        assertThat(status.path("chunksByModel").has("old-model")).isFalse();
        assertThat(status.path("chunksByModel").has("all-minilm-l6-v2")).isFalse();
        assertThat(status.path("chunksByModel").path(LocalEmbedder.MODEL_NAME).asLong())
                .isPositive();
    }

    @Test
    void searchReturnsScoredChunksWithCitations() {
        rag.reindexNow("test");
        var response = admin.post(
                "/api/ai/rag/search",
                json(Map.of("query", "my pod is in CrashLoopBackOff, where do I start?", "k", 3)));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("model").asString()).isEqualTo(LocalEmbedder.MODEL_NAME);
        assertThat(body.path("results").size()).isBetween(1, 3);
        JsonNode top = body.path("results").get(0);
        assertThat(top.path("rank").asInt()).isEqualTo(1);
        assertThat(top.path("score").asDouble()).isPositive();
        assertThat(top.path("citation").path("sourceType").asString()).isEqualTo("docs");
        assertThat(top.path("citation").path("location").asString())
                .startsWith("guides/troubleshooting-crashloopbackoff.md");
        assertThat(top.path("citation").path("title").asString()).contains("CrashLoopBackOff");
        assertThat(top.path("content").asString()).isNotBlank();
        assertThat(body.path("context").asString()).startsWith("[1] ");

        var crd = admin.post(
                        "/api/ai/rag/search",
                        json(Map.of(
                                "query",
                                "certificate renewal time",
                                "k",
                                4,
                                "sourceTypes",
                                List.of("crd"),
                                "cluster",
                                "demo")))
                .json();
        assertThat(crd.path("results").valueStream())
                .isNotEmpty()
                .allSatisfy(
                        r -> assertThat(r.path("citation").path("sourceType").asString())
                                .isEqualTo("crd"));
    }

    @Test
    void searchRejectsBadRequests() {
        assertThat(admin.post("/api/ai/rag/search", json(Map.of("query", " "))).errorCode())
                .isEqualTo("invalid_query");
        var k = admin.post("/api/ai/rag/search", json(Map.of("query", "pods", "k", 0)));
        assertThat(k.status()).isEqualTo(400);
        assertThat(k.errorCode()).isEqualTo("invalid_k");
        assertThat(admin.post("/api/ai/rag/search", json(Map.of("query", "pods", "k", 500)))
                        .errorCode())
                .isEqualTo("invalid_k");
        assertThat(admin.post("/api/ai/rag/search", json(Map.of("query", "pods", "sourceTypes", List.of("wiki"))))
                        .errorCode())
                .isEqualTo("invalid_source_type");
    }

    @Test
    void reindexRunsInTheBackgroundAndIsAudited() throws Exception {
        var response = admin.post("/api/ai/rag/reindex", "");
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        assertThat(response.json().has("started")).isTrue();
        assertThat(response.json().path("status").path("model").asString()).isEqualTo(LocalEmbedder.MODEL_NAME);
        // Wait for it, so no other test meets a run in progress.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (admin.get("/api/ai/rag/status").json().path("running").asBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(admin.get("/api/ai/rag/status").json().path("running").asBoolean())
                .isFalse();
        var audit = admin.get("/api/audit?action=ai.rag.reindex").json();
        assertThat(audit.toString()).contains("ai.rag.reindex").contains("admin");
    }

    @Test
    void onlyAdministratorsMayUseTheEndpoints() {
        var viewer = newUser("rag-viewer").client();
        assertThat(viewer.get("/api/ai/rag/status").status()).isEqualTo(403);
        assertThat(viewer.post("/api/ai/rag/reindex", "").status()).isEqualTo(403);
        assertThat(viewer.post("/api/ai/rag/search", json(Map.of("query", "pods")))
                        .status())
                .isEqualTo(403);
        assertThat(anonymous().get("/api/ai/rag/status").status()).isEqualTo(401);
    }
}
