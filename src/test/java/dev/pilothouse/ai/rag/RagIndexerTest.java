package dev.pilothouse.ai.rag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.cluster.ClusterManager;
import dev.pilothouse.plugin.PluginRegistry;
import dev.pilothouse.support.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The indexer against PostgreSQL with pgvector, on a subset of ../shared/testdata: markdown docs,
 * the demo cluster's CRDs, plugin manifests and OpenAPI documents from fabric8's mock server.
 * The local model embeds, under a test model name.
 */
@IntegrationTest
class RagIndexerTest {

    static final String MODEL = "test-minilm";
    static final List<String> DOCS = List.of(
            "concepts/workloads/controllers/ttlafterfinished.md",
            "concepts/workloads/pods/pod-qos.md",
            "concepts/overview/working-with-objects/namespaces.md",
            "concepts/configuration/configmap.md");
    static MockCluster openApi;
    /** Both clusters these tests index. */
    static final SearchFilter ALL = SearchFilter.clusters(Set.of("demo", "mock"));

    @Autowired
    RagIndexer indexer;

    @Autowired
    EmbeddingStore store;

    @Autowired
    IndexStatusRepository status;

    @Autowired
    ClusterManager clusters;

    @Autowired
    PluginRegistry plugins;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path docs;

    CountingEmbedder embedder = new CountingEmbedder(MODEL);

    @BeforeAll
    static void startOpenApi() {
        openApi = new MockCluster(List.of("apis__autoscaling__v2_openapi.json", "apis__policy__v1_openapi.json"));
    }

    @AfterAll
    static void stopOpenApi() {
        openApi.close();
    }

    @BeforeEach
    void clean() throws Exception {
        jdbc.sql("DELETE FROM ai_embeddings WHERE model = ?").param(MODEL).update();
        jdbc.sql("DELETE FROM ai_rag_sources WHERE model = ?").param(MODEL).update();
        for (String d : DOCS) {
            Path target = docs.resolve(d);
            Files.createDirectories(target.getParent());
            Files.copy(TestData.DOCS.resolve(d), target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    List<IndexSource> sources() {
        return List.of(
                DocsSource.directory("test-docs", docs),
                new PluginSource(plugins::plugins),
                new CrdSource("demo", () -> clusters.systemClient("demo")),
                new OpenApiSource("mock", () -> openApi.client));
    }

    RagIndexer.Report run() {
        return indexer.run("test", embedder, sources(), false);
    }

    @Test
    void indexesEverySourceThenASecondRunEmbedsNothing() {
        RagIndexer.Report first = run();
        assertThat(first.ran()).isTrue();
        assertThat(first.sources()).allSatisfy(s -> {
            assertThat(s.error()).as(s.source()).isNull();
            assertThat(s.chunks()).as(s.source()).isPositive();
        });
        assertThat(first.embedded()).isEqualTo(first.chunks()).isEqualTo(embedder.texts.get());
        assertThat(store.count(MODEL)).isEqualTo(first.chunks());
        assertThat(status.source("openapi:mock").orElseThrow().documents()).isPositive();

        RagIndexer.Report second = run();
        assertThat(second.embedded()).isZero();
        assertThat(second.removed()).isZero();
        assertThat(second.chunks()).isEqualTo(first.chunks());
        assertThat(embedder.texts.get()).isEqualTo(first.chunks());
        assertThat(status.source("test-docs").orElseThrow().embedded()).isZero();

        // The model got its own partial ivfflat index, sized to its rows.
        assertThat(jdbc.sql("SELECT count(*) FROM pg_indexes WHERE indexname = ?")
                        .param(VectorIndexes.name(MODEL, 384))
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void editingADocReembedsOnlyItsChangedChunksAndDeletingItRemovesThem() throws Exception {
        run();
        String id = "concepts/configuration/configmap.md";
        int configmapChunks = chunks(id);
        assertThat(configmapChunks).isGreaterThan(3);
        Path file = docs.resolve(id);
        String text = Files.readString(file);
        // One sentence changed in one section (not the page's lead paragraph: that is every chunk's description).
        String edited = text.replaceFirst(
                "Use a ConfigMap for setting configuration data separately from application code.",
                "Use a ConfigMap to keep configuration data apart from the code of the application.");
        assertThat(edited).isNotEqualTo(text);
        Files.writeString(file, edited);
        embedder.texts.set(0);

        RagIndexer.Report afterEdit = run();
        assertThat(afterEdit.embedded()).isBetween(1, 2);
        assertThat(afterEdit.sources())
                .filteredOn(s -> !s.source().equals("test-docs"))
                .allSatisfy(s -> assertThat(s.embedded()).isZero());
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM ai_embeddings WHERE model = ? AND content LIKE '%apart from the code of the application%'")
                        .param(MODEL)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);

        Files.delete(file);
        RagIndexer.Report afterDelete = run();
        assertThat(afterDelete.embedded()).isZero();
        assertThat(afterDelete.removed()).isEqualTo(configmapChunks);
        assertThat(chunks(id)).isZero();
        assertThat(chunks("concepts/workloads/pods/pod-qos.md")).isPositive();
    }

    @Test
    void aFailingSourceReportsItsErrorWhileTheOthersIndex() {
        var sources = new ArrayList<>(sources());
        sources.add(1, DocsSource.directory("test-missing", docs.resolve("no-such-folder")));
        RagIndexer.Report report = indexer.run("test", embedder, sources, false);

        var failed = report.sources().stream().filter(s -> s.error() != null).toList();
        assertThat(failed).extracting(RagIndexer.SourceReport::source).containsExactly("test-missing");
        assertThat(failed.getFirst().error()).contains("no-such-folder", "does not exist");
        assertThat(status.source("test-missing").orElseThrow().error()).contains("does not exist");
        assertThat(report.sources())
                .filteredOn(s -> s.error() == null)
                .hasSize(4)
                .allSatisfy(s -> assertThat(s.chunks()).isPositive());
        assertThat(status.source("test-docs").orElseThrow().error()).isNull();
        jdbc.sql("DELETE FROM ai_rag_sources WHERE source = 'test-missing'").update();
    }

    @Test
    void twoIndexersStartedTogetherIndexOnce() throws Exception {
        embedder.delayMillis = 300; // long enough for the runs to overlap
        var start = new CountDownLatch(1);
        var runs = new ArrayList<CompletableFuture<RagIndexer.Report>>();
        for (int i = 0; i < 2; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return run();
            }));
        }
        start.countDown();
        List<RagIndexer.Report> reports =
                runs.stream().map(CompletableFuture::join).toList();
        assertThat(reports).extracting(RagIndexer.Report::ran).containsExactlyInAnyOrder(true, false);
        int chunks = reports.stream()
                .filter(RagIndexer.Report::ran)
                .findFirst()
                .orElseThrow()
                .chunks();
        assertThat(embedder.texts.get()).isEqualTo(chunks);
        assertThat(store.count(MODEL)).isEqualTo(chunks);
        assertThat(indexer.running()).isFalse();
    }

    @Test
    void hybridSearchFindsTheAnswerAndKeepsModelsAndFiltersApart() {
        run();
        var retriever = new Retriever(store);
        var result = retriever.retrieve(
                embedder, "How can finished Jobs be cleaned up automatically after some time?", 5, ALL, 3000);
        assertThat(result.chunks()).isNotEmpty();
        var top = result.chunks().getFirst();
        assertThat(top.citation().location()).startsWith("concepts/workloads/controllers/ttlafterfinished.md");
        assertThat(top.citation().sourceType()).isEqualTo(SourceType.DOCS);
        assertThat(result.context()).startsWith("[1] ");

        var crdOnly = retriever.retrieve(
                embedder,
                "certificate secret name and DNS names",
                5,
                new SearchFilter(Set.of(SourceType.CRD), Set.of("demo")),
                3000);
        assertThat(crdOnly.chunks())
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.citation().sourceType()).isEqualTo(SourceType.CRD));
        assertThat(crdOnly.chunks().getFirst().citation().cluster()).isEqualTo("demo");

        var otherCluster = retriever.retrieve(
                embedder, "horizontal pod autoscaler metrics", 8, SearchFilter.clusters(Set.of("elsewhere")), 3000);
        assertThat(otherCluster.chunks())
                .allSatisfy(c -> assertThat(c.citation().cluster()).isNull());

        var budget = retriever.retrieve(embedder, "ConfigMap keys as environment variables", 8, ALL, 300);
        assertThat(budget.tokens()).isLessThanOrEqualTo(300);

        // Another model's vectors are never searched with this one's query.
        var other = new CountingEmbedder("test-other-model");
        assertThat(retriever.retrieve(other, "ConfigMap", 5, ALL, 3000).chunks())
                .isEmpty();
        Set<String> models =
                jdbc
                        .sql("SELECT DISTINCT model FROM ai_embeddings WHERE source = 'test-docs'")
                        .query(String.class)
                        .stream()
                        .collect(Collectors.toSet());
        assertThat(models).containsExactly(MODEL);
    }

    @Test
    void aSearchReturnsOnlyTheChunksOfTheClustersItNames() {
        run();
        // CRDs are indexed for "demo" and the OpenAPI schema for "mock"; docs and plugins belong to no cluster.
        String query = "cert-manager Certificate renewBefore and the secret the signed certificate is stored in";
        var retriever = new Retriever(store);

        var noCluster = retriever.retrieve(embedder, query, 20, SearchFilter.clusters(Set.of()), 100_000);
        assertThat(noCluster.chunks())
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.citation().cluster()).isNull());

        var mockOnly = retriever.retrieve(embedder, query, 20, SearchFilter.clusters(Set.of("mock")), 100_000);
        assertThat(mockOnly.chunks()).extracting(c -> c.citation().cluster()).doesNotContain("demo");
        assertThat(retriever
                        .retrieve(
                                embedder, query, 20, new SearchFilter(Set.of(SourceType.CRD), Set.of("mock")), 100_000)
                        .chunks())
                .as("the CRDs of a cluster the user has no role on")
                .isEmpty();

        var demo = retriever.retrieve(embedder, query, 20, SearchFilter.clusters(Set.of("demo")), 100_000);
        assertThat(demo.chunks()).anySatisfy(c -> {
            assertThat(c.citation().sourceType()).isEqualTo(SourceType.CRD);
            assertThat(c.citation().cluster()).isEqualTo("demo");
        });
    }

    @Test
    void aChangedEmbeddingModelReindexesEverythingUnderItsOwnName() {
        RagIndexer.Report before = run();
        var next = new CountingEmbedder("test-next-model");
        jdbc.sql("DELETE FROM ai_embeddings WHERE model = ?")
                .param(next.modelName())
                .update();
        try {
            RagIndexer.Report after = indexer.run("embedding model changed", next, sources(), false);
            // No vector of the old model is reused: every chunk is embedded again, and stored beside the old ones.
            assertThat(after.model()).isEqualTo("test-next-model");
            assertThat(after.embedded())
                    .isEqualTo(after.chunks())
                    .isEqualTo(before.chunks())
                    .isEqualTo(next.texts.get());
            assertThat(store.count("test-next-model")).isEqualTo(before.chunks());
            assertThat(store.count(MODEL)).isEqualTo(before.chunks());
            assertThat(jdbc.sql("SELECT count(*) FROM pg_indexes WHERE indexname = ?")
                            .param(VectorIndexes.name("test-next-model", 384))
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);
            assertThat(new Retriever(store)
                            .retrieve(next, "ConfigMap", 3, ALL, 3000)
                            .model())
                    .isEqualTo("test-next-model");
        } finally {
            jdbc.sql("DELETE FROM ai_embeddings WHERE model = ?")
                    .param(next.modelName())
                    .update();
            jdbc.sql("DELETE FROM ai_rag_sources WHERE model = ?")
                    .param(next.modelName())
                    .update();
        }
    }

    @Test
    void everyChunkCarriesItsPagesDescriptionIntoFullTextSearch() {
        run();
        String id = "concepts/workloads/controllers/ttlafterfinished.md";
        var descriptions = jdbc.sql("SELECT DISTINCT description FROM ai_embeddings WHERE model = ? AND source_id = ?")
                .params(MODEL, id)
                .query(String.class)
                .list();
        assertThat(descriptions)
                .containsExactly("A time-to-live mechanism to clean up old Jobs that have finished execution.");
        // Found by words of the description alone: a chunk whose own text does not say "time-to-live".
        var found = store.textSearch(MODEL, "time-to-live mechanism", 1000, ALL);
        assertThat(found).anySatisfy(c -> {
            assertThat(c.sourceId()).isEqualTo(id);
            assertThat(c.content()).doesNotContainIgnoringCase("time-to-live");
        });
    }

    @Test
    void aChunkLongerThanTheModelReadsKeepsItsTailInStoredTextAndFullTextSearch() throws Exception {
        // Identifiers cost the tokenizer several word pieces each: 190 of them are one chunk
        // (under the chunker's 200 words) of far more pieces than the model reads.
        var words = new StringBuilder();
        for (int i = 0; i < 188; i++) words.append("xq").append(i).append("zv9kp ");
        Files.writeString(
                docs.resolve("long-identifiers.md"),
                "# Long identifiers\n\n" + words + "the zanzibarfrobnicate flag\n");
        var captured = new ArrayList<String>();
        var recording = new CountingEmbedder(MODEL, new dev.pilothouse.ai.provider.Embedder() {
            @Override
            public String modelName() {
                return MODEL;
            }

            @Override
            public int dimensions() {
                return 384;
            }

            @Override
            public List<float[]> embed(List<String> batch) {
                captured.addAll(batch);
                return dev.pilothouse.ai.provider.LocalEmbedder.shared().embed(batch);
            }
        });
        indexer.run("test", recording, sources(), false);

        String text = captured.stream()
                .filter(t -> t.contains("zanzibarfrobnicate"))
                .findFirst()
                .orElseThrow();
        // The model reads the beginning only, up to its cap; the tail is past it ...
        long[] read = dev.pilothouse.ai.provider.LocalEmbedder.shared().passageWordPieces(text);
        assertThat(read).hasSize(dev.pilothouse.ai.provider.LocalEmbedder.PASSAGE_WORD_PIECES);
        // ... and is still stored whole and found by full-text search.
        var found = store.textSearch(MODEL, "zanzibarfrobnicate", 5, ALL);
        assertThat(found).singleElement().satisfies(c -> {
            assertThat(c.sourceId()).isEqualTo("long-identifiers.md");
            assertThat(c.content()).endsWith("the zanzibarfrobnicate flag");
        });
    }

    private int chunks(String sourceId) {
        return jdbc.sql("SELECT count(*) FROM ai_embeddings WHERE model = ? AND source_type = 'docs' AND source_id = ?")
                .params(MODEL, sourceId)
                .query(Integer.class)
                .single();
    }
}
