package dev.pilothouse.ai.provider;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The default embedder: quantized all-MiniLM-L6-v2 (384 dimensions) run in process with ONNX
 * Runtime, so retrieval works offline and without a key. It reads at most 256 word pieces;
 * longer text is cut. One instance is shared: the ONNX session is thread safe, and texts are
 * embedded in batches spread over a pool of one thread per core.
 */
public final class LocalMiniLmEmbedder implements Embedder {

    public static final String MODEL_NAME = "all-minilm-l6-v2";
    public static final int DIMENSIONS = 384;
    private static final int BATCH = 64;

    private static volatile LocalMiniLmEmbedder shared;

    private final AllMiniLmL6V2QuantizedEmbeddingModel model;

    private LocalMiniLmEmbedder() {
        ExecutorService pool = Executors.newFixedThreadPool(
                Runtime.getRuntime().availableProcessors(),
                Thread.ofPlatform().daemon().name("minilm-", 0).factory());
        this.model = new AllMiniLmL6V2QuantizedEmbeddingModel(pool);
    }

    /** The one instance; the model (about 23 MB) loads on first use. */
    public static LocalMiniLmEmbedder shared() {
        if (shared == null) {
            synchronized (LocalMiniLmEmbedder.class) {
                if (shared == null) shared = new LocalMiniLmEmbedder();
            }
        }
        return shared;
    }

    @Override
    public String modelName() {
        return MODEL_NAME;
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        var out = new ArrayList<float[]>(texts.size());
        for (int from = 0; from < texts.size(); from += BATCH) {
            var batch = texts.subList(from, Math.min(texts.size(), from + BATCH)).stream()
                    .map(t -> TextSegment.from(t == null || t.isBlank() ? " " : t))
                    .toList();
            model.embedAll(batch).content().forEach(e -> out.add(e.vector()));
        }
        return out;
    }
}
