package dev.pilothouse.ai.rag;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Chunking of each source kind, on the real test data (no database). */
class ChunkingTest {

    /** What the local embedder reads in full: 256 word pieces, about 200 plain words. */
    static final int EMBEDDER_WORDS = 240;

    @Test
    void markdownIsSplitAtHeadingsWithSectionPathsAndAnchors() {
        String md = """
                # Guide

                Intro paragraph that is long enough to stand on its own as a chunk of text, so it is not merged into the next section at all here; it says what the guide covers and who should read it first.

                ## Install

                Install steps with enough words to be their own chunk: download the archive, unpack it somewhere, configure the settings file, run the server, verify that it answers, and then check the logs for warnings.

                ### On Linux

                Linux specifics: use the package manager, enable the service, open the firewall port and check that it listens.
                """;
        List<Chunk> chunks = MarkdownChunker.chunk("Guide", "guide.md", md);
        assertThat(chunks).extracting(Chunk::section).containsExactly("", "Install", "Install > On Linux");
        assertThat(chunks.get(2).location()).isEqualTo("guide.md#on-linux");
        assertThat(chunks.get(2).content()).startsWith("### On Linux").contains("package manager");
    }

    @Test
    void longSectionsSplitIntoOverlappingPiecesThatTheEmbedderReadsWhole() {
        var para = new StringBuilder();
        for (int i = 0; i < 60; i++) para.append("Sentence number ").append(i).append(" says something useful. ");
        List<Chunk> chunks = MarkdownChunker.chunk("T", "t.md", "## Long\n\n" + para + "\n\n" + para);
        assertThat(chunks).hasSizeGreaterThan(2);
        for (Chunk c : chunks) assertThat(Chunk.words(c.embeddingText())).isLessThanOrEqualTo(EMBEDDER_WORDS);
        // The next piece starts with the end of the previous one.
        String[] first = chunks.get(0).content().split("\\s+");
        String lastWords = String.join(" ", java.util.Arrays.copyOfRange(first, first.length - 3, first.length));
        assertThat(chunks.get(1).content().substring(0, 400)).contains(lastWords);
    }

    @Test
    void kubernetesDocsLoseShortcodesAndFitTheEmbedder() throws Exception {
        Path deployment = TestData.DOCS.resolve("concepts/workloads/controllers/deployment.md");
        SourceDocument doc =
                DocsSource.document("concepts/workloads/controllers/deployment.md", Files.readString(deployment));
        assertThat(doc.chunks()).hasSizeGreaterThan(20);
        assertThat(doc.chunks().getFirst().title()).isEqualTo("Deployments");
        assertThat(doc.chunks()).allSatisfy(c -> {
            assertThat(c.content()).doesNotContain("{{<", "glossary_tooltip", "<!--");
            assertThat(Chunk.words(c.embeddingText())).isLessThanOrEqualTo(EMBEDDER_WORDS);
        });
        assertThat(doc.chunks()).anySatisfy(c -> assertThat(c.section()).contains("Rolling Back a Deployment"));
    }

    @Test
    void eachChunkOfAPageCarriesThePagesDescriptionOrItsFirstParagraph() throws Exception {
        String id = "concepts/workloads/controllers/daemonset.md";
        SourceDocument daemonset = DocsSource.document(id, Files.readString(TestData.DOCS.resolve(id)));
        // The folded (>-) front-matter description, on every chunk, and in what the embedder reads.
        assertThat(daemonset.chunks())
                .allSatisfy(c -> assertThat(c.description())
                        .startsWith("A DaemonSet defines Pods that provide node-local facilities."));
        Chunk deep = daemonset.chunks().getLast();
        assertThat(deep.content()).doesNotContain("node-local facilities");
        assertThat(deep.embeddingText())
                .startsWith("DaemonSet — " + deep.section() + "\nA DaemonSet defines Pods that provide node-local");

        // No description in the front matter: the first paragraph before any heading stands in.
        SourceDocument guide = DocsSource.document("g.md", """
                # Guide

                This guide explains how to rotate the keys of the cluster.

                ## Steps

                First, do this. Then that.
                """);
        assertThat(guide.chunks())
                .allSatisfy(c -> assertThat(c.description())
                        .isEqualTo("This guide explains how to rotate the keys of the cluster."));
        // A chunk that already holds the description does not repeat it.
        assertThat(guide.chunks().getFirst().embeddingText()).containsOnlyOnce("rotate the keys");
    }

    @Test
    void crdsGiveAnOverviewAndFieldsByPath() {
        var docs = CrdSource.documents("c1", TestData.yaml(TestData.CRDS.resolve("certificates.cert-manager.io.yaml")));
        assertThat(docs).extracting(SourceDocument::sourceId).containsExactly("c1:certificates.cert-manager.io@v1");
        List<Chunk> chunks = docs.getFirst().chunks();
        assertThat(chunks.getFirst().content())
                .contains("Certificate is a custom resource", "Printer columns", "Ready");
        assertThat(chunks).anySatisfy(c -> assertThat(c.content()).contains("`spec.secretName` (string)"));
        assertThat(chunks)
                .allSatisfy(c -> assertThat(Chunk.words(c.embeddingText())).isLessThanOrEqualTo(EMBEDDER_WORDS));
    }

    @Test
    void openApiKindsAndSchemasAreIndexedOncePerCluster() {
        var seen = new HashSet<String>();
        var apps = OpenApiSource.documents(
                "c1", "apis/apps/v1", TestData.json(TestData.OPENAPI.resolve("apis__apps__v1_openapi.json")), seen);
        var batch = OpenApiSource.documents(
                "c1", "apis/batch/v1", TestData.json(TestData.OPENAPI.resolve("apis__batch__v1_openapi.json")), seen);
        assertThat(apps)
                .extracting(SourceDocument::sourceId)
                .contains("c1:io.k8s.api.apps.v1.Deployment", "c1:io.k8s.api.core.v1.PodSpec");
        assertThat(batch)
                .extracting(SourceDocument::sourceId)
                .contains("c1:io.k8s.api.batch.v1.Job")
                .doesNotContain("c1:io.k8s.api.core.v1.PodSpec");
        Chunk first = apps.stream()
                .filter(d -> d.sourceId().endsWith("apps.v1.Deployment"))
                .findFirst()
                .orElseThrow()
                .chunks()
                .getFirst();
        assertThat(first.title()).isEqualTo("Deployment (apps/v1)");
        var all = new ArrayList<Chunk>();
        apps.forEach(d -> all.addAll(d.chunks()));
        assertThat(all).anySatisfy(c -> assertThat(c.content()).contains("used at DaemonSet.spec.template.spec"));
        assertThat(all)
                .allSatisfy(c -> assertThat(Chunk.words(c.embeddingText())).isLessThanOrEqualTo(EMBEDDER_WORDS));
    }

    @Test
    void chunkCountsOfTheWholeTestData() throws Exception {
        int docs = 0;
        for (Path p : TestData.files(TestData.DOCS, ".md")) {
            if (p.getFileName().toString().equals("NOTICE.md")) continue;
            docs += DocsSource.document(TestData.DOCS.relativize(p).toString(), Files.readString(p))
                    .chunks()
                    .size();
        }
        int crds = 0;
        for (Path p : TestData.files(TestData.CRDS, ".yaml")) {
            for (var d : CrdSource.documents("c", TestData.yaml(p)))
                crds += d.chunks().size();
        }
        int openapi = 0;
        var seen = new HashSet<String>();
        for (Path p : TestData.files(TestData.OPENAPI, ".json")) {
            for (var d : OpenApiSource.documents("c", TestData.groupVersion(p), TestData.json(p), seen))
                openapi += d.chunks().size();
        }
        System.out.printf("chunks: docs %d, crds %d, openapi %d%n", docs, crds, openapi);
        assertThat(docs).isGreaterThan(500);
        assertThat(crds).isGreaterThan(100);
        assertThat(openapi).isGreaterThan(500);
    }
}
