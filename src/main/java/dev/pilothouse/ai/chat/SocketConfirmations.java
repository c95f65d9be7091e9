package dev.pilothouse.ai.chat;

import dev.pilothouse.ai.tools.ConfirmationChannel;
import dev.pilothouse.ai.tools.ConfirmationRequest;

/**
 * Asks the user of a turn to approve a change: a {@code confirm_action} frame on the turn's socket.
 * With the socket gone nobody can approve, so the request is refused at once (the write does not
 * run) instead of waiting out its expiry.
 */
final class SocketConfirmations implements ConfirmationChannel {

    private final TurnOutput out;

    SocketConfirmations(TurnOutput out) {
        this.out = out;
    }

    @Override
    public void requestConfirmation(ConfirmationRequest r) {
        if (!out.isOpen()) throw new IllegalStateException("no chat to confirm in: the browser left");
        out.send(new ServerFrame.ConfirmActionFrame(
                r.conversationId(),
                r.confirmationId(),
                r.callId(),
                r.tool(),
                r.arguments(),
                r.cluster(),
                r.preview(),
                r.expiresAt()));
    }
}
