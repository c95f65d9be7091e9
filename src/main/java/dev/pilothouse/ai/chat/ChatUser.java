package dev.pilothouse.ai.chat;

import java.util.UUID;

/**
 * Who a chat socket belongs to, fixed at the handshake.
 *
 * @param sessionId the HTTP session the socket was opened with: the socket lives as long as it does
 */
record ChatUser(UUID id, String username, String displayName, boolean admin, String sessionId) {}
