package dev.pilothouse.ai.provider;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
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
     * The default: quantized E5-small-v2 (384 dimensions, reads up to 512 word pieces; trained with
     * "query: " and "passage: " prefixes). Chosen over all-MiniLM-L6-v2 and BGE-small-en-v1.5 on the
     * tuning half of the retrieval evaluation (docs/benchmarks.md).
     */
    public static final Model DEFAULT = new Model(
            "e5-small-v2",
            384,
            "query: ",
            "passage: ",
            pool -> oneThreadPerInference(
                    dev.langchain4j.model.embedding.onnx.e5smallv2q.E5SmallV2QuantizedEmbeddingModel.class,
                    "/e5-small-v2-q.onnx",
                    "/e5-small-v2-q-tokenizer.json",
                    PoolingMode.MEAN,
                    384,
                    pool));

    public static final String MODEL_NAME = DEFAULT.name();
    public static final int DIMENSIONS = DEFAULT.dimensions();
    private static final int BATCH = 64;
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
        Future<List<float[]>> embedded = this.queries.submit(() -> run(queries, spec.queryPrefix()));
        try {
            return embedded.get();
        } catch (InterruptedException e) {
            embedded.cancel(false);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Embedding the question was interrupted.", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * A model packaged in a langchain4j jar, loaded with an ONNX session that runs each inference
     * on one thread without spinning. The packaged models' default session spreads every inference
     * over all cores, its idle threads spinning: a burst of questions then takes both cores from
     * the replies streaming, and two batches of the indexer contend for the same threads. Batches
     * still use every core, one inference per pool thread.
     */
    static EmbeddingModel oneThreadPerInference(
            Class<?> packaged, String model, String tokenizer, PoolingMode pooling, int dimensions, Executor pool) {
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
                var encoder = new OnnxBertBiEncoder(environment, session, vocabulary, pooling);
                return new AbstractInProcessEmbeddingModel(pool) {
                    @Override
                    protected OnnxBertBiEncoder model() {
                        return encoder;
                    }

                    @Override
                    protected Integer knownDimension() {
                        return dimensions;
                    }
                };
            }
        } catch (IOException | OrtException e) {
            throw new IllegalStateException("Could not load the embedding model " + model + ": " + e.getMessage(), e);
        }
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
