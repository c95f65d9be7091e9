package dev.pilothouse.ai.chat;

import java.util.ArrayDeque;
import org.springframework.web.socket.CloseStatus;

/**
 * A turn's frames on their way to its socket, sent by a virtual thread of their own so that the
 * turn never waits for the browser. While a send is in progress, {@code token} frames that queue
 * up behind it are merged into one (their texts joined): with a fast browser every token is its
 * own frame, with a slow one fewer, larger frames go out instead of a growing backlog. Past
 * {@code maxPendingChars} waiting, the browser is cut off, as the socket's own buffer limit does.
 */
final class TurnStream implements TurnOutput {

    static final CloseStatus TOO_SLOW = CloseStatus.SESSION_NOT_RELIABLE.withReason("the browser did not keep up");

    private final ChatConnection socket;
    private final int maxPendingChars;
    private final ArrayDeque<ServerFrame> queue = new ArrayDeque<>();
    private int pendingChars;
    private boolean draining;

    TurnStream(ChatConnection socket, int maxPendingChars) {
        this.socket = socket;
        this.maxPendingChars = maxPendingChars;
    }

    @Override
    public void send(ServerFrame frame) {
        synchronized (this) {
            if (!socket.isOpen()) return;
            if (frame instanceof ServerFrame.Token t
                    && queue.peekLast() instanceof ServerFrame.Token last
                    && last.conversationId().equals(t.conversationId())) {
                queue.pollLast();
                queue.addLast(new ServerFrame.Token(t.conversationId(), last.text() + t.text()));
            } else {
                queue.addLast(frame);
            }
            pendingChars += frame instanceof ServerFrame.Token t ? t.text().length() : 256;
            if (pendingChars > maxPendingChars) {
                queue.clear();
                // Closing may wait for the send in progress: not on the turn's thread.
                Thread.ofVirtual().start(() -> socket.close(TOO_SLOW));
                return;
            }
            if (draining) return;
            draining = true;
        }
        Thread.ofVirtual().name("chat-send").start(this::drain);
    }

    private void drain() {
        while (true) {
            ServerFrame next;
            synchronized (this) {
                next = queue.pollFirst();
                if (next == null) {
                    draining = false;
                    pendingChars = 0;
                    return;
                }
                pendingChars -= next instanceof ServerFrame.Token t ? t.text().length() : 256;
            }
            socket.send(next);
        }
    }

    @Override
    public boolean isOpen() {
        return socket.isOpen();
    }
}
