package dev.pilothouse.ai.chat;

/** What the browser sends on the chat WebSocket (docs/protocol.md, "Chat WebSocket"). */
sealed interface ClientFrame {

    /** @param conversationId null starts a new conversation */
    record UserMessage(String text, String conversationId, PageContext context) implements ClientFrame {}

    /** @param conversationId optional: the conversation the confirmation belongs to */
    record ConfirmAction(String confirmationId, boolean approved, String conversationId) implements ClientFrame {}

    record NewConversation() implements ClientFrame {}

    record LoadHistory(String conversationId) implements ClientFrame {}

    record ContextUpdate(PageContext context) implements ClientFrame {}

    record Cancel(String conversationId) implements ClientFrame {}
}
