package dev.pilothouse.ai.rag;

import dev.pilothouse.ai.provider.Embedder;
import dev.pilothouse.ai.provider.LocalEmbedder;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real local model under a test model name, so test rows never meet the server's own, and
 * counting what it embeds.
 */
final class CountingEmbedder implements Embedder {

    private final String model;
    private final Embedder delegate;
    final AtomicInteger texts = new AtomicInteger();
    volatile long delayMillis;

    /** The default local model. */
    CountingEmbedder(String model) {
        this(model, LocalEmbedder.shared());
    }

    CountingEmbedder(String model, Embedder delegate) {
        this.model = model;
        this.delegate = delegate;
    }

    @Override
    public String modelName() {
        return model;
    }

    @Override
    public int dimensions() {
        return delegate.dimensions();
    }

    @Override
    public List<float[]> embed(List<String> batch) {
        texts.addAndGet(batch.size());
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return delegate.embed(batch);
    }

    @Override
    public float[] embedQuery(String query) {
        return delegate.embedQuery(query);
    }
}
