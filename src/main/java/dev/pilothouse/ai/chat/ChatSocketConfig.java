package dev.pilothouse.ai.chat;

import dev.pilothouse.auth.AccountService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/** Registers the chat socket: raw WebSocket (no STOMP, no SockJS), session and Origin checked at the handshake. */
@Configuration
@EnableWebSocket
class ChatSocketConfig implements WebSocketConfigurer {

    private final ChatService chat;
    private final ChatSockets sockets;
    private final FrameCodec codec;
    private final ChatProperties properties;
    private final AccountService accounts;

    ChatSocketConfig(
            ChatService chat,
            ChatSockets sockets,
            FrameCodec codec,
            ChatProperties properties,
            AccountService accounts) {
        this.chat = chat;
        this.sockets = sockets;
        this.codec = codec;
        this.properties = properties;
        this.accounts = accounts;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // setAllowedOrigins: this server's own origin always, plus the configured ones; others get 403.
        registry.addHandler(new ChatSocketHandler(chat, sockets, codec, properties), "/api/ai/chat")
                .addInterceptors(new ChatHandshake(accounts))
                .setAllowedOrigins(properties.allowedOrigins().toArray(String[]::new));
    }

    /**
     * Tomcat allocates these buffers for every socket, idle or not; frames larger than them arrive
     * in parts that the handler puts together up to the frame limit. Binary frames are not used.
     */
    @Bean
    ServletServerContainerFactoryBean chatSocketContainer() {
        var container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(8 * 1024);
        container.setMaxBinaryMessageBufferSize(1024);
        return container;
    }
}
