package dev.pilothouse.ai.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The default in-process embedder: meaning-preserving, thread safe, batched. */
class LocalEmbedderTest {

    final Embedder embedder = LocalEmbedder.shared();

    static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void aParaphraseIsCloserThanAnUnrelatedSentence() {
        var v = embedder.embed(List.of(
                "The pod keeps restarting because the container runs out of memory.",
                "The container is killed for exceeding its memory limit, so the pod restarts again and again.",
                "Our team's holiday party is on Friday at the pizza place."));

        assertThat(v).allSatisfy(vector -> assertThat(vector).hasSize(384));
        assertThat(cosine(v.get(0), v.get(1))).isGreaterThan(cosine(v.get(0), v.get(2)) + 0.2);
    }

    @Test
    void isSafeToShareBetweenThreadsAndBatchesLongLists() throws Exception {
        var texts = java.util.stream.IntStream.range(0, 70)
                .mapToObj(i -> "deployment number " + i + " is healthy")
                .toList();
        float[] alone = embedder.embed(List.of(texts.get(3))).getFirst();
        try (var pool = Executors.newFixedThreadPool(3)) {
            List<Future<List<float[]>>> results = List.of(
                    pool.submit(() -> embedder.embed(texts)),
                    pool.submit(() -> embedder.embed(texts)),
                    pool.submit(() -> embedder.embed(texts)));
            for (var result : results) {
                List<float[]> vectors = result.get();
                assertThat(vectors).hasSize(70);
                assertThat(cosine(vectors.get(3), alone)).isGreaterThan(0.999);
            }
        }
    }

    @Test
    void theOneThreadSessionGivesThePackagedModelsVectors() {
        // Loaded our way (one thread per inference) the model must mean exactly what langchain4j's
        // packaged class means: same pooling, same tokenizer, same weights.
        var packaged = new dev.langchain4j.model.embedding.onnx.e5smallv2q.E5SmallV2QuantizedEmbeddingModel();
        String text = "query: why is my pod pending";
        float[] expected = packaged.embed(text).content().vector();

        float[] ours = embedder.embedQuery("why is my pod pending");

        assertThat(cosine(ours, expected)).isGreaterThan(0.9999);
    }

    @Test
    void severalQueriesInOneBatchAreTheSameAsOneByOne() {
        var queries = List.of("scale a deployment", "pod stuck in CrashLoopBackOff: what now?", "node pressure");
        List<float[]> batch = embedder.embedQueries(queries);
        for (int i = 0; i < queries.size(); i++)
            assertThat(cosine(batch.get(i), embedder.embedQuery(queries.get(i))))
                    .isGreaterThan(0.9999);
    }

    /** Kubernetes prose of about {@code words} words. */
    static String prose(int words, String topic) {
        String sentence = "the " + topic + " controller keeps the desired number of pods running on every node and"
                + " replaces any pod that fails its liveness probe ";
        var out = new StringBuilder();
        while (out.toString().split(" ").length < words) out.append(sentence);
        return out.toString().strip();
    }

    @Test
    void aPassageIsReadUpToTheCapAndItsTailDoesNotChangeItsVector() {
        var local = (LocalEmbedder) embedder;
        String head = prose(LocalEmbedder.PASSAGE_WORD_PIECES, "deployment");
        String tailA = " " + prose(300, "cronjob") + " ZEBRA-TAIL-A";
        String tailB = " an entirely different ending about storage classes and persistent volume claims";

        // What goes into the model: [CLS], the first pieces, [SEP]; never more than the cap.
        long[] pieces = local.passageWordPieces(head + tailA);
        assertThat(pieces).hasSize(LocalEmbedder.PASSAGE_WORD_PIECES);
        assertThat(pieces[0]).isEqualTo(101); // [CLS]
        assertThat(pieces[pieces.length - 1]).isEqualTo(102); // [SEP]

        // Whatever follows the cap, the model read the same text.
        List<float[]> v = embedder.embed(List.of(head + tailA, head + tailB));
        assertThat(cosine(v.get(0), v.get(1))).isGreaterThan(0.99999);
    }

    @Test
    void aPassageWithinTheCapIsEmbeddedAsThePackagedModelEmbedsIt() {
        var local = (LocalEmbedder) embedder;
        String passage = prose(180, "daemonset");
        assertThat(local.passageWordPieces(passage).length).isLessThan(LocalEmbedder.PASSAGE_WORD_PIECES);
        var packaged = new dev.langchain4j.model.embedding.onnx.e5smallv2q.E5SmallV2QuantizedEmbeddingModel();

        float[] expected = packaged.embed("passage: " + passage).content().vector();
        float[] ours = embedder.embed(List.of(passage, "a second text, so the batch goes through the pool"))
                .getFirst();

        assertThat(cosine(ours, expected)).isGreaterThan(0.9999);
    }
}
