package dev.pilothouse.ai.rag;

import dev.pilothouse.ai.provider.Embedder;
import dev.pilothouse.ai.provider.LocalMiniLmEmbedder;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real local model under a test model name, so test rows never meet the server's own, and
 * counting what it embeds.
 */
final class CountingEmbedder implements Embedder {

    private final String model;
    final AtomicInteger texts = new AtomicInteger();
    volatile long delayMillis;

    CountingEmbedder(String model) {
        this.model = model;
    }

    @Override
    public String modelName() {
        return model;
    }

    @Override
    public int dimensions() {
        return LocalMiniLmEmbedder.DIMENSIONS;
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
        return LocalMiniLmEmbedder.shared().embed(batch);
    }
}
