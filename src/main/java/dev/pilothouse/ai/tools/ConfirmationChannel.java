package dev.pilothouse.ai.tools;

/**
 * The chat side of a confirmation (implemented by {@code ai.chat}): shows the request to the user
 * as a {@code confirm_action} frame. The decision comes back through {@link
 * ConfirmationManager#decide}, never through the model.
 */
public interface ConfirmationChannel {

    void requestConfirmation(ConfirmationRequest request);

    /** No chat to ask: every write is refused (the opposite of falling back to allow). */
    ConfirmationChannel NONE = request -> {
        throw new IllegalStateException("no chat to confirm in");
    };
}
