package dev.pilothouse.ai.provider;

/**
 * A remote API we call, named the way a person knows it. Errors name the API that failed, so a
 * rejected Voyage key is not reported as a rejected Anthropic key.
 */
public interface RemoteApi {

    /** Voyage AI, the embeddings Anthropic recommends for Claude users. */
    RemoteApi VOYAGE = () -> "Voyage AI";

    String displayName();
}
