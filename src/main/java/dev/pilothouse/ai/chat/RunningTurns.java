package dev.pilothouse.ai.chat;

import dev.pilothouse.ai.provider.Cancellation;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The turns running on this replica: at most one per conversation, each cancellable. */
@Component
class RunningTurns {

    /** @param sessionId the session the turn was started from: it stops at its next tool call once that ends */
    record Running(UUID conversationId, String username, String sessionId, Cancellation cancellation) {}

    private final Map<UUID, Running> turns = new ConcurrentHashMap<>();
    private final Map<String, Boolean> endedSessions = new ConcurrentHashMap<>();

    /** @return empty when a turn of this conversation already runs */
    Optional<Running> claim(UUID conversationId, ChatUser user) {
        var running = new Running(conversationId, user.username(), user.sessionId(), new Cancellation());
        return turns.putIfAbsent(conversationId, running) == null ? Optional.of(running) : Optional.empty();
    }

    void release(Running running) {
        turns.remove(running.conversationId(), running);
    }

    Optional<Running> get(UUID conversationId) {
        return Optional.ofNullable(turns.get(conversationId));
    }

    java.util.Set<String> sessionIds() {
        var ids = new java.util.HashSet<String>();
        turns.values().forEach(t -> ids.add(t.sessionId()));
        return ids;
    }

    int count() {
        return turns.size();
    }

    /** The session ended (logout, disabled, demoted): its turns stop at their next tool call. */
    void sessionEnded(String sessionId) {
        endedSessions.put(sessionId, true);
    }

    boolean sessionActive(Running running) {
        return !endedSessions.containsKey(running.sessionId());
    }

    /** Forgets ended sessions no running turn refers to. */
    void forgetEndedSessions() {
        endedSessions
                .keySet()
                .removeIf(id ->
                        turns.values().stream().noneMatch(t -> t.sessionId().equals(id)));
    }
}
