package dev.pilothouse.ai.chat;

import dev.pilothouse.auth.AccountService;
import dev.pilothouse.auth.User;
import dev.pilothouse.platform.ApiException;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * The handshake needs a logged-in session (Spring Security already answers 401 without one; this
 * checks again and records whose socket it is). The Origin check (403) is Spring's {@code
 * OriginHandshakeInterceptor}, registered beside this one.
 */
final class ChatHandshake implements HandshakeInterceptor {

    static final String USER = ChatUser.class.getName();

    private final AccountService accounts;

    ChatHandshake(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public boolean beforeHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            Map<String, Object> attributes) {
        Principal principal = request.getPrincipal();
        HttpSession session = request instanceof ServletServerHttpRequest servlet
                ? servlet.getServletRequest().getSession(false)
                : null;
        if (principal == null || session == null) {
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            return false;
        }
        User user;
        try {
            user = accounts.byUsername(principal.getName());
        } catch (ApiException e) {
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            return false;
        }
        if (user.disabled()) {
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            return false;
        }
        attributes.put(
                USER, new ChatUser(user.id(), user.username(), user.displayName(), user.admin(), session.getId()));
        return true;
    }

    @Override
    public void afterHandshake(
            ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception exception) {}
}
