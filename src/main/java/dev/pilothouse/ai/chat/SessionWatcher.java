package dev.pilothouse.ai.chat;

import dev.pilothouse.auth.AccountService;
import dev.pilothouse.auth.User;
import dev.pilothouse.platform.ApiException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.session.SessionRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * Keeps every chat socket, and every turn, tied to the session it was opened with. Every {@code
 * session-check-interval} it asks the session store whether each session still exists (logout,
 * expiry, and an administrator disabling or demoting a user all end sessions) and whether each
 * account is still enabled and holds the rights it had: if not, the sockets close (4401/4403) and
 * the turns stop at their next tool call. Role bindings need no check here: every tool call asks
 * RBAC afresh.
 */
@Component
class SessionWatcher implements SmartLifecycle {

    static final CloseStatus SESSION_ENDED = new CloseStatus(4401, "session ended: log in again");
    static final CloseStatus ACCOUNT_CHANGED = new CloseStatus(4403, "account disabled or changed: log in again");

    private static final Logger log = LoggerFactory.getLogger(SessionWatcher.class);

    private final ChatSockets sockets;
    private final RunningTurns turns;
    private final SessionRepository<?> sessions;
    private final AccountService accounts;
    private final ChatProperties properties;
    private volatile Thread thread;

    SessionWatcher(
            ChatSockets sockets,
            RunningTurns turns,
            SessionRepository<?> sessions,
            AccountService accounts,
            ChatProperties properties) {
        this.sockets = sockets;
        this.turns = turns;
        this.sessions = sessions;
        this.accounts = accounts;
        this.properties = properties;
    }

    void checkOnce() {
        Set<String> ended = new HashSet<>();
        Map<String, ChatUser> users = new HashMap<>();
        Set<String> sessionIds = new HashSet<>();
        sockets.all().forEach(c -> {
            sessionIds.add(c.user().sessionId());
            users.putIfAbsent(c.user().username(), c.user());
        });
        sessionIds.addAll(turns.sessionIds()); // turns go on after their browser left
        for (String id : sessionIds) {
            if (sessions.findById(id) == null) {
                ended.add(id);
                sockets.closeSession(id, SESSION_ENDED);
            }
        }
        for (ChatUser u : users.values()) {
            if (stillAllowed(u)) continue;
            for (ChatConnection c : sockets.all()) {
                if (c.user().username().equals(u.username())) {
                    ended.add(c.user().sessionId());
                    c.close(ACCOUNT_CHANGED);
                }
            }
        }
        ended.forEach(turns::sessionEnded);
        turns.forgetEndedSessions();
    }

    private boolean stillAllowed(ChatUser u) {
        try {
            User now = accounts.byUsername(u.username());
            return !now.disabled() && now.admin() == u.admin();
        } catch (ApiException notFound) {
            return false;
        }
    }

    @Override
    public void start() {
        thread = Thread.ofVirtual().name("chat-session-watcher").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(properties.sessionCheckInterval());
                    checkOnce();
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    log.warn("Checking chat sockets against their sessions failed: {}", e.getMessage());
                }
            }
        });
    }

    @Override
    public void stop() {
        Thread t = thread;
        if (t != null) t.interrupt();
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
