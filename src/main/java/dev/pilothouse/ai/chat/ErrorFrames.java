package dev.pilothouse.ai.chat;

import dev.pilothouse.ai.provider.LlmException;
import dev.pilothouse.platform.ApiException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The one place where failures become {@code error} frames, as {@code ApiExceptionHandler} is for
 * REST: our own exceptions keep their code and message, a provider's failure says what to do about
 * it, and anything else is logged with a reference the message names (never a stack trace).
 */
final class ErrorFrames {

    private static final Logger log = LoggerFactory.getLogger(ErrorFrames.class);

    private ErrorFrames() {}

    static ServerFrame.Error of(String conversationId, Throwable failure) {
        return switch (failure) {
            case ApiException e -> new ServerFrame.Error(conversationId, e.code(), e.getMessage());
            case LlmException e ->
                new ServerFrame.Error(conversationId, "provider_" + e.kind().code(), e.getMessage());
            case DataAccessResourceFailureException e ->
                new ServerFrame.Error(
                        conversationId,
                        "database_unavailable",
                        "The database is not reachable right now, so nothing could be saved. Try again in a moment.");
            default -> {
                String reference = UUID.randomUUID().toString();
                log.error("Chat failure, reference {}", reference, failure);
                yield new ServerFrame.Error(
                        conversationId,
                        "internal_error",
                        "Something went wrong on the server. The error was logged with reference " + reference + ".");
            }
        };
    }
}
