package dev.pilothouse.ai.chat;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/** The chat sockets open on this replica. */
@Component
class ChatSockets {

    private final Map<String, ChatConnection> open = new ConcurrentHashMap<>();

    void add(ChatConnection connection) {
        open.put(connection.id(), connection);
    }

    ChatConnection get(String id) {
        return open.get(id);
    }

    void remove(String id) {
        open.remove(id);
    }

    Collection<ChatConnection> all() {
        return open.values();
    }

    int count() {
        return open.size();
    }

    void closeSession(String sessionId, CloseStatus status) {
        open.values().stream()
                .filter(c -> c.user().sessionId().equals(sessionId))
                .forEach(c -> c.close(status));
    }
}
