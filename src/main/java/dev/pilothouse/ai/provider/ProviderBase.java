package dev.pilothouse.ai.provider;

import java.io.InterruptedIOException;
import java.util.function.Consumer;

/**
 * What the three adapters share: their settings, embedder and streaming loop, and the part of
 * error translation that does not depend on an SDK. Each adapter adds its wire format and the
 * translation of its SDK's own exceptions ({@link #translateSdk}).
 */
abstract sealed class ProviderBase implements LlmProvider permits AnthropicProvider, OpenAiProvider, OllamaProvider {

    protected final ProviderSettings settings;
    private final Embedder embedder;
    private final StreamingChat streaming;

    ProviderBase(ProviderSettings settings, Embedder embedder) {
        this.settings = settings;
        this.embedder = embedder;
        this.streaming = new StreamingChat(settings.kind(), settings.retry(), settings.readTimeout(), this::translate);
    }

    @Override
    public final ProviderKind kind() {
        return settings.kind();
    }

    @Override
    public final String model() {
        return settings.model();
    }

    @Override
    public final Embedder embedder() {
        return embedder;
    }

    /** One streamed call through the retry policy and the stall timeout. */
    final ChatResponse stream(StreamingChat.Attempt call, Consumer<StreamEvent> listener, Cancellation cancellation) {
        return streaming.run(call, listener, cancellation);
    }

    /** An SDK-specific exception as an {@link LlmException}, or null when it is not one of the SDK's. */
    abstract LlmException translateSdk(Throwable error);

    final LlmException translate(Throwable error) {
        // A limit hit inside the SDK's reading (BoundedBody) arrives wrapped in the SDK's exception.
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof LlmException e) return e;
        }
        LlmException sdk = translateSdk(error);
        if (sdk != null) return sdk;
        if (error instanceof InterruptedIOException || Json.causedByTimeout(error)) {
            return LlmException.timeout(kind(), settings.readTimeout());
        }
        if (error instanceof java.io.IOException e) {
            return LlmException.network(kind(), settings.effectiveBaseUrl(), e);
        }
        return LlmException.malformed(kind(), error.getClass().getSimpleName() + ": " + error.getMessage(), error);
    }

    /** An SDK's I/O failure: a timeout, or the server could not be reached. */
    final LlmException ioFailure(Throwable error) {
        return Json.causedByTimeout(error)
                ? LlmException.timeout(kind(), settings.readTimeout())
                : LlmException.network(
                        kind(), settings.effectiveBaseUrl(), error.getCause() != null ? error.getCause() : error);
    }
}
