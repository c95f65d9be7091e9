package dev.pilothouse.ai.rag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.ai.chat.ScriptedModel;
import dev.pilothouse.ai.config.ActiveProvider;
import dev.pilothouse.support.ApiClient;
import dev.pilothouse.support.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Query rewriting on the chat path (AI setting {@code queryRewriting}) against a scripted
 * OpenAI-compatible model that records what it was sent: the question reaches the model, the
 * queries it returns are searched, and a slow, failing or rambling model leaves the question to be
 * searched alone.
 */
@IntegrationTest
class QueryRewritingTest {

    static final String SOURCE = "rewrite-docs";
    static final String DAEMONSET = "concepts/workloads/controllers/daemonset.md";
    static final List<String> DOCS = List.of(
            DAEMONSET,
            "concepts/configuration/configmap.md",
            "concepts/workloads/pods/pod-qos.md",
            "concepts/overview/working-with-objects/namespaces.md");
    /** A question in no document's words: without rewriting, nothing points it at DaemonSets. */
    static final String QUESTION = "Blorf quibble snark, how do I wibble the frobnicator?";

    static ScriptedModel model;

    @LocalServerPort
    int port;

    @Autowired
    RagService rag;

    @Autowired
    RagIndexer indexer;

    @Autowired
    ActiveProvider active;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    static Path docs;

    ApiClient admin;

    @BeforeAll
    static void start() throws Exception {
        model = new ScriptedModel();
        for (String d : DOCS) {
            Path target = docs.resolve(d);
            Files.createDirectories(target.getParent());
            Files.copy(TestData.DOCS.resolve(d), target);
        }
    }

    @AfterAll
    static void stop() {
        model.close();
    }

    @BeforeEach
    void configure() {
        model.reset();
        admin = new ApiClient(port).loggedIn("admin", IntegrationTest.ADMIN_PASSWORD);
        settings(true);
        var report = indexer.run("test", rag.embedder(), List.of(DocsSource.directory(SOURCE, docs)), false);
        assertThat(report.sources()).allSatisfy(s -> assertThat(s.error()).isNull());
    }

    @AfterEach
    void rewritingOff() {
        settings(false);
    }

    private void settings(boolean rewriting) {
        var body = new LinkedHashMap<String, Object>();
        body.put("provider", "openai");
        body.put("model", "gpt-test");
        body.put("baseUrl", model.openAiBaseUrl());
        body.put("apiKey", "sk-rewrite-test-1234");
        body.put("embeddingProvider", "local");
        body.put("queryRewriting", rewriting);
        var put = admin.put("/api/ai/config", ApiClient.json(body));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().path("queryRewriting").asBoolean()).isEqualTo(rewriting);
    }

    private static SearchFilter docsOnly() {
        return SearchFilter.clusters(Set.of());
    }

    @Test
    void theQuestionReachesTheModelAndTheQueriesItReturnsAreSearched() {
        model.then(ScriptedModel.text("DaemonSet: run one Pod on every node\n", "DaemonSet rolling update"));

        Retriever.Retrieval found = rag.searchForChat(QUESTION, 3, docsOnly());

        assertThat(model.received()).hasSize(1);
        var request = model.received().getFirst();
        assertThat(request.allText()).contains(QUESTION).contains("search queries");
        assertThat(request.body().has("max_tokens") || request.body().has("max_completion_tokens"))
                .as("the rewrite call caps its output")
                .isTrue();
        assertThat(found.chunks().getFirst().citation().location()).startsWith(DAEMONSET);
        // The same question searched on its own does not lead there.
        assertThat(rag.search(QUESTION, 3, docsOnly())
                        .chunks()
                        .getFirst()
                        .citation()
                        .location())
                .doesNotStartWith(DAEMONSET);
    }

    @Test
    void withTheSettingOffTheModelIsNotAskedAndTheQuestionIsSearchedAlone() {
        settings(false);
        model.always(ScriptedModel.text("DaemonSet"));

        Retriever.Retrieval found = rag.searchForChat(QUESTION, 3, docsOnly());

        assertThat(model.received()).isEmpty();
        assertThat(locations(found)).isEqualTo(locations(rag.search(QUESTION, 3, docsOnly())));
    }

    @Test
    void aModelThatDoesNotAnswerInTimeIsNotWaitedFor() {
        model.then(ScriptedModel.slowText(Duration.ofSeconds(3), "DaemonSet", " on every node"));
        var rewriter = new QueryRewriter(active, Duration.ofMillis(300));

        long t0 = System.nanoTime();
        List<String> queries = rewriter.queries(QUESTION);
        long ms = (System.nanoTime() - t0) / 1_000_000;

        assertThat(queries).isEmpty();
        assertThat(ms).isLessThan(2_000);
        assertThat(model.received()).hasSize(1);
    }

    @Test
    void anErrorOrAnAnswerThatIsNotQueriesLeavesTheQuestionAlone() {
        model.then(
                ScriptedModel.status(
                        400, "{\"error\":{\"message\":\"model not found\",\"type\":\"invalid_request_error\"}}"),
                ScriptedModel.text(
                        "I'm sorry, but as an assistant I cannot help with frobnicators. " + "x".repeat(250)));
        var rewriter = new QueryRewriter(active, Duration.ofSeconds(5));

        assertThat(rewriter.queries(QUESTION)).isEmpty();
        assertThat(rewriter.queries(QUESTION)).isEmpty();

        // And the chat path then finds what the question alone finds.
        model.then(ScriptedModel.status(400, "{\"error\":{\"message\":\"model not found\"}}"));
        assertThat(locations(rag.searchForChat(QUESTION, 3, docsOnly())))
                .isEqualTo(locations(rag.search(QUESTION, 3, docsOnly())));
    }

    @Test
    void eachResultIsAnotherPageAndEverySentenceOfAQuestionIsSearched() {
        settings(false);
        // Without the cap, the ConfigMap page's many chunks would take every place.
        Retriever.Retrieval found = rag.search("How do I use a ConfigMap in a Pod?", 4, docsOnly());
        var pages =
                locations(found).stream().map(l -> l.replaceFirst("#.*$", "")).toList();
        assertThat(pages).doesNotHaveDuplicates().first().isEqualTo("concepts/configuration/configmap.md");

        assertThat(Retriever.sentences("My agent must run on each machine. Which object does that?"))
                .containsExactly("My agent must run on each machine.", "Which object does that?");
        assertThat(Retriever.sentences("what does terminationGracePeriodSeconds do?"))
                .isEmpty();
    }

    @Test
    void listMarkersPreamblesAndRepeatsAreNotQueries() {
        String answer = """
                Here are some search queries:
                1. "DaemonSet one Pod per node"
                2) node affinity DaemonSet
                - %s
                * DaemonSet update strategy
                - a fourth query is one too many
                """.formatted(QUESTION);

        assertThat(QueryRewriter.parse(answer, QUESTION))
                .containsExactly("DaemonSet one Pod per node", "node affinity DaemonSet", "DaemonSet update strategy");
    }

    private static List<String> locations(Retriever.Retrieval r) {
        return r.chunks().stream().map(c -> c.citation().location()).toList();
    }
}
