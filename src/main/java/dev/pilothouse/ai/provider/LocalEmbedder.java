package dev.pilothouse.ai.provider;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.DimensionAwareEmbeddingModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.output.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * An embedding model run in process with ONNX Runtime, so retrieval works offline and without a
 * key. The models ship inside {@code dev.langchain4j} embeddings jars; nothing is downloaded. Some
 * models are trained with a prefix that says whether a text is a query or a passage (E5:
 * "query: " / "passage: "; BGE: an instruction before queries only): leaving it out costs them
 * recall, so each model carries its own. One instance per model is shared: the ONNX session is
 * thread safe, and texts are embedded in batches spread over a pool of one thread per core.
 *
 * <p>No ONNX inference runs on the caller's thread. Callers are virtual threads (chat turns), and a
 * virtual thread inside a native call pins its carrier: on two cores, two questions being embedded
 * would stop every other virtual thread — every streaming reply — until they finished. A question
 * is therefore embedded on a platform thread of its own while the turn waits unmounted.
 */
public final class LocalEmbedder implements Embedder {

    /** What a local model is called in the store, how big its vectors are and how it wants its input. */
    public record Model(
            String name,
            int dimensions,
            String queryPrefix,
            String passagePrefix,
            Function<Executor, EmbeddingModel> load) {}

    /**
     * Word pieces of a passage the default model reads, [CLS] and [SEP] included: E5's whole
     * window. Measured against 384 and 256 through the real search (docs/benchmarks.md, indexing):
     * 384 indexes the test data 20 % faster at the same hit@5 on the tune half but loses hit@1 and
     * hit@3 there (symptom questions most), so the window stays whole. A longer chunk (about one in
     * ten CRD chunks) was cut at 512 before as well: the tokenizer truncates, langchain4j's
     * partitioning never ran.
     */
    public static final int PASSAGE_WORD_PIECES = 512;

    /**
     * The default: quantized E5-small-v2 (384 dimensions; trained with "query: " and "passage: "
     * prefixes). Chosen over all-MiniLM-L6-v2 and BGE-small-en-v1.5 on the tuning half of the
     * retrieval evaluation (docs/benchmarks.md).
     */
    public static final Model DEFAULT = e5SmallV2("e5-small-v2", PASSAGE_WORD_PIECES);

    /** Quantized E5-small-v2 reading at most {@code maxWordPieces} of a text, under a name of its own (benchmarks). */
    public static Model e5SmallV2(String name, int maxWordPieces) {
        return new Model(
                name,
                384,
                "query: ",
                "passage: ",
                pool -> oneThreadPerInference(
                        dev.langchain4j.model.embedding.onnx.e5smallv2q.E5SmallV2QuantizedEmbeddingModel.class,
                        "/e5-small-v2-q.onnx",
                        "/e5-small-v2-q-tokenizer.json",
                        PoolingMode.MEAN,
                        384,
                        maxWordPieces,
                        pool));
    }

    public static final String MODEL_NAME = DEFAULT.name();
    public static final int DIMENSIONS = DEFAULT.dimensions();
    /**
     * Texts handed to the pool at once. Both threads are busy until the batch runs out; the last
     * texts of a batch are its shortest (see {@link Pooled}), so neither waits long for the other.
     */
    private static final int BATCH = 256;
    /**
     * The indexer's batches run at nice 15: a re-index is minutes of work on every core and can
     * wait, a streaming reply's next token cannot. Questions keep the normal priority: lowering it
     * showed no gain in the chat benchmark (A/B, docs/benchmarks.md) and only delays new turns.
     */
    static final int INDEX_NICE = 15;

    private static volatile LocalEmbedder shared;

    private final Model spec;
    private final EmbeddingModel model;
    private final ExecutorService queries;

    private LocalEmbedder(Model spec) {
        this.spec = spec;
        ExecutorService pool = Executors.newFixedThreadPool(
                Runtime.getRuntime().availableProcessors(),
                ThreadNice.of(Thread.ofPlatform().daemon().name("embedder-", 0).factory(), INDEX_NICE));
        this.model = spec.load().apply(pool);
        // One question at a time, on one core (~10 ms each): a burst of new turns queues here
        // instead of taking every core from the replies already streaming.
        this.queries = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().daemon().name("query-embedder").factory());
    }

    /** The default model's one instance; the model (about 34 MB) loads on first use. */
    public static LocalEmbedder shared() {
        if (shared == null) {
            synchronized (LocalEmbedder.class) {
                if (shared == null) shared = new LocalEmbedder(DEFAULT);
            }
        }
        return shared;
    }

    /** Another local model (benchmarks compare them); the caller keeps the instance. */
    public static LocalEmbedder of(Model model) {
        return new LocalEmbedder(model);
    }

    @Override
    public String modelName() {
        return spec.name();
    }

    @Override
    public int dimensions() {
        return spec.dimensions();
    }

    /** Passages: the texts the index stores. */
    @Override
    public List<float[]> embed(List<String> texts) {
        return run(texts, spec.passagePrefix());
    }

    @Override
    public float[] embedQuery(String query) {
        return embedQueries(List.of(query)).getFirst();
    }

    /** All in one batch, on the question thread (see the class comment). */
    @Override
    public List<float[]> embedQueries(List<String> queries) {
        return await(this.queries.submit(() -> run(queries, spec.queryPrefix())), "Embedding the question");
    }

    /** The result of work handed to another thread; its failure rethrown as it was, unchecked. */
    private static <T> T await(Future<T> work, String what) {
        try {
            return work.get();
        } catch (InterruptedException e) {
            work.cancel(false);
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " was interrupted.", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * A model packaged in a langchain4j jar, loaded with an ONNX session that runs each inference
     * on one thread without spinning, reading at most {@code maxPieces} word pieces of a text. The
     * packaged models' default session spreads every inference over all cores, its idle threads
     * spinning: a burst of questions then takes both cores from the replies streaming, and two
     * batches of the indexer contend for the same threads. Batches still use every core, one
     * inference per pool thread.
     */
    static EmbeddingModel oneThreadPerInference(
            Class<?> packaged,
            String model,
            String tokenizer,
            PoolingMode pooling,
            int dimensions,
            int maxPieces,
            Executor pool) {
        try (InputStream onnx = packaged.getResourceAsStream(model);
                InputStream vocabulary = packaged.getResourceAsStream(tokenizer)) {
            if (onnx == null || vocabulary == null)
                throw new IllegalStateException(model + " is missing from " + packaged.getName() + "'s jar");
            var environment = OrtEnvironment.getEnvironment();
            try (var options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
                options.addConfigEntry("session.intra_op.allow_spinning", "0");
                var session = environment.createSession(onnx.readAllBytes(), options);
                var words = HuggingFaceTokenizer.newInstance(vocabulary, Map.of("padding", "false"));
                return new Pooled(new BertEncoder(environment, session, words, pooling, maxPieces), dimensions, pool);
            }
        } catch (IOException | OrtException e) {
            throw new IllegalStateException("Could not load the embedding model " + model + ": " + e.getMessage(), e);
        }
    }

    /**
     * Our encoder as langchain4j's model interface: one text on the caller's thread (a question,
     * on the question thread), several spread over the pool, longest first so that the pool's
     * threads run out of work together rather than one waiting for the other's last long text.
     */
    static final class Pooled extends DimensionAwareEmbeddingModel {
        final BertEncoder encoder;
        private final int dimensions;
        private final Executor pool;

        Pooled(BertEncoder encoder, int dimensions, Executor pool) {
            this.encoder = encoder;
            this.dimensions = dimensions;
            this.pool = pool;
        }

        @Override
        protected Integer knownDimension() {
            return dimensions;
        }

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            if (segments.size() == 1)
                return Response.from(
                        List.of(Embedding.from(encoder.embed(segments.getFirst().text()))));
            Integer[] order = new Integer[segments.size()];
            for (int i = 0; i < order.length; i++) order[i] = i;
            Arrays.sort(
                    order,
                    (a, b) -> Integer.compare(
                            segments.get(b).text().length(),
                            segments.get(a).text().length()));
            @SuppressWarnings("unchecked")
            CompletableFuture<float[]>[] futures = new CompletableFuture[segments.size()];
            for (int i : order) {
                String text = segments.get(i).text();
                futures[i] = CompletableFuture.supplyAsync(() -> encoder.embed(text), pool);
            }
            var out = new ArrayList<Embedding>(futures.length);
            for (var f : futures) out.add(Embedding.from(await(f, "Embedding")));
            return Response.from(out);
        }
    }

    /**
     * The word pieces the model reads for a passage (prefix included), when the model is one we
     * load ourselves: what the cap means, made visible (tests, the indexing benchmark).
     */
    public long[] passageWordPieces(String text) {
        if (!(model instanceof Pooled p))
            throw new UnsupportedOperationException(spec.name() + " is run by langchain4j's own encoder");
        return p.encoder.wordPieces(spec.passagePrefix() + text);
    }

    private List<float[]> run(List<String> texts, String prefix) {
        var out = new ArrayList<float[]>(texts.size());
        for (int from = 0; from < texts.size(); from += BATCH) {
            var batch = texts.subList(from, Math.min(texts.size(), from + BATCH)).stream()
                    .map(t -> TextSegment.from(prefix + (t == null || t.isBlank() ? " " : t)))
                    .toList();
            model.embedAll(batch).content().forEach(e -> out.add(e.vector()));
        }
        return out;
    }
}
