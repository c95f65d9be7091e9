package dev.pilothouse.ai.chat;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.standard.StandardWebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * {@code /api/ai/chat}: client frames in, server frames out. A bad frame — not JSON, an unknown
 * type, a missing field, another user's conversation, too large — gets an {@code error} frame and
 * the socket stays open; a turn runs on its own thread, so this handler never waits for a model.
 */
final class ChatSocketHandler extends TextWebSocketHandler {

    /** Tomcat's own limit on a blocked send; past it the send fails and the browser is cut off. */
    static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    private final ChatService chat;
    private final ChatSockets sockets;
    private final FrameCodec codec;
    private final ChatProperties properties;

    ChatSocketHandler(ChatService chat, ChatSockets sockets, FrameCodec codec, ChatProperties properties) {
        this.chat = chat;
        this.sockets = sockets;
        this.codec = codec;
        this.properties = properties;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        if (session instanceof StandardWebSocketSession standard) {
            standard.getNativeSession()
                    .getUserProperties()
                    .put(
                            TOMCAT_BLOCKING_SEND_TIMEOUT,
                            properties.sendTimeLimit().toMillis());
        }
        ChatUser user = (ChatUser) session.getAttributes().get(ChatHandshake.USER);
        sockets.add(new ChatConnection(session, user, codec, properties));
    }

    /**
     * Frames arrive in parts of the container's buffer size and are put together here, up to the
     * frame limit: an idle socket holds no 64 KB buffer, and a frame of any size over the limit is
     * answered with an {@code error} frame instead of closing the socket.
     */
    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        ChatConnection connection = sockets.get(session.getId());
        if (connection == null) return;
        String text = connection.assemble(message.getPayload(), message.isLast(), properties.maxFrameChars());
        if (text == null) return; // more parts to come, or the rest of an oversized frame
        if (text == ChatConnection.TOO_LARGE) {
            connection.send(new ServerFrame.Error(
                    null,
                    "frame_too_large",
                    "The frame has more than the %,d characters allowed; send a shorter message."
                            .formatted(properties.maxFrameChars())));
            return;
        }
        ClientFrame frame = null;
        try {
            frame = codec.read(text);
            dispatch(connection, frame);
        } catch (RuntimeException e) {
            connection.send(ErrorFrames.of(conversationOf(frame), e));
        }
    }

    private void dispatch(ChatConnection connection, ClientFrame frame) {
        ChatUser user = connection.user();
        switch (frame) {
            case ClientFrame.UserMessage m -> {
                if (m.context() != null) connection.context(m.context());
                chat.startTurn(user, m, connection.context(), connection);
            }
            case ClientFrame.ConfirmAction c -> chat.decide(user, c);
            case ClientFrame.NewConversation n -> connection.send(chat.newConversation(user));
            case ClientFrame.LoadHistory h -> connection.send(chat.history(user, h.conversationId()));
            case ClientFrame.ContextUpdate u -> connection.context(u.context());
            case ClientFrame.Cancel c -> chat.cancel(user, c.conversationId());
        }
    }

    private static String conversationOf(ClientFrame frame) {
        return switch (frame) {
            case ClientFrame.UserMessage m -> m.conversationId();
            case ClientFrame.ConfirmAction c -> c.conversationId();
            case ClientFrame.LoadHistory h -> h.conversationId();
            case ClientFrame.Cancel c -> c.conversationId();
            case null, default -> null;
        };
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        ChatConnection connection = sockets.get(session.getId());
        if (connection != null) connection.close(CloseStatus.SERVER_ERROR);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        sockets.remove(session.getId());
    }
}
