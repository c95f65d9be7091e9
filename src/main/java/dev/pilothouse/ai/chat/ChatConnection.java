package dev.pilothouse.ai.chat;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * One open chat socket. Sends go through Spring's {@link ConcurrentWebSocketSessionDecorator}:
 * frames from several threads (a turn, the handler) are serialised, and a browser that does not
 * keep up — more than the buffer waiting, or a send blocked beyond the time limit — is cut off
 * instead of holding memory or a turn. A failed send closes the socket; the turn runs on.
 */
final class ChatConnection implements TurnOutput {

    private static final Logger log = LoggerFactory.getLogger(ChatConnection.class);

    private final WebSocketSession session;
    private final ChatUser user;
    private final FrameCodec codec;
    private volatile PageContext context = PageContext.NONE;

    ChatConnection(WebSocketSession raw, ChatUser user, FrameCodec codec, ChatProperties limits) {
        this.session = new ConcurrentWebSocketSessionDecorator(
                raw,
                (int) limits.sendTimeLimit().toMillis(),
                limits.sendBufferBytes(),
                ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
        this.user = user;
        this.codec = codec;
    }

    /** What {@link #assemble} returns for a frame over the limit (compared by identity). */
    static final String TOO_LARGE = new String("frame too large");

    private StringBuilder parts;
    private boolean oversized;

    /**
     * Adds one part of an incoming frame (parts of one socket arrive one at a time, in order).
     *
     * @return the whole frame once its last part came; {@link #TOO_LARGE} when it was over {@code
     *     limit}; null while parts are still coming
     */
    String assemble(String part, boolean last, int limit) {
        if (last && parts == null) return part.length() > limit ? TOO_LARGE : part;
        if (parts == null) parts = new StringBuilder();
        if (!oversized && parts.length() + part.length() > limit) {
            oversized = true;
            parts = new StringBuilder(); // drop what came: nothing of an oversized frame is kept
        }
        if (!oversized) parts.append(part);
        if (!last) return null;
        String whole = oversized ? TOO_LARGE : parts.toString();
        parts = null;
        oversized = false;
        return whole;
    }

    ChatUser user() {
        return user;
    }

    String id() {
        return session.getId();
    }

    PageContext context() {
        return context;
    }

    void context(PageContext context) {
        this.context = context == null ? PageContext.NONE : context;
    }

    @Override
    public void send(ServerFrame frame) {
        if (!session.isOpen()) return;
        try {
            session.sendMessage(new TextMessage(codec.write(frame)));
        } catch (IOException | RuntimeException e) {
            // The decorator already closed a socket over its limits; anything else closes it here.
            log.debug("Chat socket {} of {} cut off: {}", session.getId(), user.username(), e.getMessage());
            close(CloseStatus.SESSION_NOT_RELIABLE.withReason("the browser did not keep up"));
        }
    }

    @Override
    public boolean isOpen() {
        return session.isOpen();
    }

    void close(CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException | RuntimeException e) {
            log.debug("Closing chat socket {}: {}", session.getId(), e.getMessage());
        }
    }
}
