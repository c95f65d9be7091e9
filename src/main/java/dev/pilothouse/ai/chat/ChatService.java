package dev.pilothouse.ai.chat;

import dev.pilothouse.ai.config.ActiveProvider;
import dev.pilothouse.ai.tools.ConfirmationManager;
import dev.pilothouse.platform.ApiException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * What the chat socket asks of the assistant: start a turn (checked against the user's limits and
 * their conversations), show a conversation's history, cancel a turn, and pass on a decision about
 * a change. Conversations are their owner's only: any other id is "not found".
 */
@Service
class ChatService {

    static final int TITLE_LENGTH = 60;

    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final RunningTurns turns;
    private final TurnEngine engine;
    private final ChatLimits limits;
    private final ActiveProvider active;
    private final ConfirmationManager confirmations;
    private final ChatProperties properties;

    ChatService(
            ConversationRepository conversations,
            MessageRepository messages,
            RunningTurns turns,
            TurnEngine engine,
            ChatLimits limits,
            ActiveProvider active,
            ConfirmationManager confirmations,
            ChatProperties properties) {
        this.conversations = conversations;
        this.messages = messages;
        this.turns = turns;
        this.engine = engine;
        this.limits = limits;
        this.active = active;
        this.confirmations = confirmations;
        this.properties = properties;
    }

    /**
     * Saves the message and starts the turn on a virtual thread of its own. A new conversation is
     * announced with a {@code conversation} frame first.
     */
    void startTurn(ChatUser user, ClientFrame.UserMessage message, PageContext page, TurnOutput out) {
        String text = message.text().strip();
        if (text.isEmpty()) throw ApiException.badRequest("invalid_frame", "A user_message needs a non-empty text.");
        limits.checkRate(user.username());
        limits.checkDailyBudget(user.id(), active.settings().dailyTokenBudget());
        ConversationRepository.Conversation conversation;
        if (message.conversationId() == null) {
            UUID id = UUID.randomUUID();
            String title = title(text);
            conversations.create(id, user.id(), title, page);
            var now = java.time.Instant.now();
            conversation = new ConversationRepository.Conversation(id, title, null, null, now, now);
            out.send(new ServerFrame.Conversation(id.toString(), title));
        } else {
            conversation = owned(user, message.conversationId());
            if (conversation.title().isBlank()) conversations.rename(conversation.id(), user.id(), title(text));
        }
        RunningTurns.Running running = turns.claim(conversation.id(), user)
                .orElseThrow(
                        () -> ApiException.conflict(
                                "turn_in_progress",
                                "The assistant is still answering in this conversation; wait for it or press Stop, then send again."));
        try {
            messages.addUser(conversation.id(), text, page);
            var request = new TurnEngine.TurnRequest(user, conversation, text, page, running, stream(out));
            Thread.ofVirtual().name("chat-turn-" + conversation.id()).start(() -> {
                try {
                    engine.run(request);
                } finally {
                    turns.release(running); // normally done already, before message_done (TurnEngine.done)
                }
            });
        } catch (RuntimeException e) {
            turns.release(running);
            throw e;
        }
    }

    private TurnOutput stream(TurnOutput out) {
        return out instanceof ChatConnection c ? new TurnStream(c, properties.sendBufferBytes()) : out;
    }

    /** An empty conversation, titled by its first message later. */
    ServerFrame.Conversation newConversation(ChatUser user) {
        UUID id = UUID.randomUUID();
        conversations.create(id, user.id(), "", PageContext.NONE);
        return new ServerFrame.Conversation(id.toString(), "");
    }

    ServerFrame.History history(ChatUser user, String conversationId) {
        var conversation = owned(user, conversationId);
        return new ServerFrame.History(
                conversation.id().toString(), conversation.title(), messages.list(conversation.id()));
    }

    /** Stops the conversation's running turn at once; nothing running is not an error (the answer just ended). */
    void cancel(ChatUser user, String conversationId) {
        var conversation = owned(user, conversationId);
        Optional<RunningTurns.Running> running = turns.get(conversation.id());
        running.ifPresent(r -> {
            r.cancellation().cancel();
            confirmations.withdrawAll(conversation.id().toString());
        });
    }

    void decide(ChatUser user, ClientFrame.ConfirmAction frame) {
        String conversationId = frame.conversationId() == null
                ? null
                : owned(user, frame.conversationId()).id().toString();
        ConfirmationManager.Decision decision =
                confirmations.decide(user.username(), conversationId, frame.confirmationId(), frame.approved());
        if (decision.accepted()) return;
        throw switch (decision) {
            case EXPIRED ->
                ApiException.conflict(
                        "confirmation_expired",
                        "This change waited too long for an answer and was rejected; ask again.");
            case ALREADY_DECIDED ->
                ApiException.conflict("confirmation_already_decided", "This change was already approved or rejected.");
            default ->
                ApiException.notFound(
                        "confirmation_not_found", "There is no change waiting for your answer with this id.");
        };
    }

    private ConversationRepository.Conversation owned(ChatUser user, String conversationId) {
        UUID id;
        try {
            id = UUID.fromString(conversationId);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(
                    "invalid_conversation_id", "conversationId must be a conversation's id (a UUID).");
        }
        return conversations.find(id, user.id()).orElseThrow(ChatService::notFound);
    }

    static ApiException notFound() {
        return ApiException.notFound("conversation_not_found", "There is no conversation of yours with this id.");
    }

    static String title(String text) {
        String line = text.strip().lines().findFirst().orElse("").strip();
        return line.length() <= TITLE_LENGTH
                ? line
                : line.substring(0, TITLE_LENGTH - 1).strip() + "…";
    }
}
