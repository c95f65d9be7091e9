package dev.pilothouse.ai.tools;

/**
 * Pending confirmations of writes. The tools side opens one and waits; the chat's WebSocket handler
 * calls {@link #decide} with the user's {@code confirm_action} frame. This interface is the part
 * {@code ai.chat} uses; the implementation lives beside the executor.
 */
public interface ConfirmationManager {

    /**
     * The user's decision. Refused (nothing changes) for another user, another conversation, an
     * unknown or already decided id, or after expiry.
     *
     * @param conversationId the conversation the frame named, or null when it named none (the id
     *     alone then identifies the confirmation; it must still be this user's)
     */
    Decision decide(String username, String conversationId, String confirmationId, boolean approved);

    /** Rejects whatever waits in this conversation (the turn was cancelled). */
    void withdrawAll(String conversationId);

    /** What {@link #decide} did. */
    enum Decision {
        ACCEPTED,
        UNKNOWN,
        NOT_YOURS,
        ALREADY_DECIDED,
        EXPIRED;

        public boolean accepted() {
            return this == ACCEPTED;
        }
    }
}
