package dev.pilothouse.ai.chat;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The chat WebSocket's limits ({@code pilothouse.ai.chat.*}).
 *
 * @param allowedOrigins origins besides this server's own that may open the socket (empty: only
 *     its own, which is what a browser on the dashboard sends); anything else is refused with 403
 * @param maxFrameChars a text frame above this gets an {@code error} frame (the socket stays open)
 * @param sendBufferBytes frames waiting for a slow browser beyond this cut it off
 * @param sendTimeLimit a send blocked this long cuts the browser off
 * @param messagesPerMinute user messages one user may send per minute, across sockets
 * @param sessionCheckInterval how often open sockets are checked against their session and account
 * @param retrievedChunks how many documentation chunks go into a prompt
 */
@ConfigurationProperties("pilothouse.ai.chat")
record ChatProperties(
        @DefaultValue List<String> allowedOrigins,
        @DefaultValue("65536") int maxFrameChars,
        @DefaultValue("524288") int sendBufferBytes,
        @DefaultValue("5s") Duration sendTimeLimit,
        @DefaultValue("20") int messagesPerMinute,
        @DefaultValue("3s") Duration sessionCheckInterval,
        @DefaultValue("6") int retrievedChunks) {}
