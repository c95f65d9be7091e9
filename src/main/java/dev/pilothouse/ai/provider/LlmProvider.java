package dev.pilothouse.ai.provider;

import java.util.List;
import java.util.function.Consumer;

/**
 * The port every chat model is reached through. A provider streams one model call and returns
 * the tool calls the model asked for; it never runs them (the orchestrator owns the tool loop).
 */
public interface LlmProvider {

    ProviderKind kind();

    String model();

    /**
     * Streams one call, blocking until it ends. {@code listener} gets content events as they
     * arrive, on the calling thread, then one {@code Done} or {@code Error}.
     *
     * @return the whole response; when cancelled, what had arrived, with stop reason CANCELLED
     * @throws LlmException when the call failed (after the retries the policy allows)
     */
    ChatResponse chat(ChatRequest request, Consumer<StreamEvent> listener, Cancellation cancellation);

    default ChatResponse chat(ChatRequest request) {
        return chat(request, event -> {}, Cancellation.none());
    }

    /** The embedder that goes with this provider's configuration. */
    Embedder embedder();

    default List<float[]> embed(List<String> texts) {
        return embedder().embed(texts);
    }

    /** Model ids the provider offers (empty when it has no list). */
    List<String> models();
}
