package dev.pilothouse.ai.chat;

import dev.pilothouse.ai.tools.ConfirmationManager;
import dev.pilothouse.audit.AuditEvent;
import dev.pilothouse.audit.AuditLog;
import dev.pilothouse.audit.AuditOutcome;
import dev.pilothouse.auth.AccountService;
import dev.pilothouse.platform.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's own conversations (spec 4.2). Anyone else's, administrators' included, is 404: a
 * conversation may hold what its owner saw in clusters others cannot.
 */
@RestController
@RequestMapping("/api/ai/conversations")
class ConversationController {

    static final int MAX_LIMIT = 100;

    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final AccountService accounts;
    private final RunningTurns turns;
    private final AuditLog audit;
    private final ConfirmationManager confirmations;

    ConversationController(
            ConversationRepository conversations,
            MessageRepository messages,
            AccountService accounts,
            RunningTurns turns,
            AuditLog audit,
            ConfirmationManager confirmations) {
        this.conversations = conversations;
        this.messages = messages;
        this.accounts = accounts;
        this.turns = turns;
        this.audit = audit;
        this.confirmations = confirmations;
    }

    record Summary(UUID id, String title, Instant createdAt, Instant updatedAt) {}

    record Page(List<Summary> conversations, String nextCursor) {}

    record Detail(
            UUID id,
            String title,
            Instant createdAt,
            Instant updatedAt,
            boolean running,
            List<StoredMessage> messages) {}

    record Rename(String title) {}

    @GetMapping
    Page list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit,
            Authentication caller) {
        int n = limit == null ? 20 : limit;
        if (n < 1 || n > MAX_LIMIT)
            throw ApiException.badRequest("invalid_limit", "limit must be between 1 and " + MAX_LIMIT + ".");
        Instant before = null;
        UUID beforeId = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
                before = Instant.parse(parts[0]);
                beforeId = UUID.fromString(parts[1]);
            } catch (RuntimeException e) {
                throw ApiException.badRequest(
                        "invalid_cursor",
                        "cursor is not one this API gave out; use nextCursor from the previous page.");
            }
        }
        String query = q == null || q.isBlank() ? null : q.strip();
        var rows = conversations.list(userId(caller), query, before, beforeId, n + 1);
        String next = null;
        if (rows.size() > n) {
            rows = rows.subList(0, n);
            var last = rows.getLast();
            next = Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((last.updatedAt() + "|" + last.id()).getBytes(StandardCharsets.UTF_8));
        }
        return new Page(
                rows.stream()
                        .map(c -> new Summary(c.id(), c.title(), c.createdAt(), c.updatedAt()))
                        .toList(),
                next);
    }

    @GetMapping("/{id}")
    Detail get(@PathVariable String id, Authentication caller) {
        var c = owned(id, caller);
        return new Detail(
                c.id(),
                c.title(),
                c.createdAt(),
                c.updatedAt(),
                turns.get(c.id()).isPresent(),
                messages.list(c.id()));
    }

    @PatchMapping("/{id}")
    Summary rename(@PathVariable String id, @RequestBody Rename body, Authentication caller) {
        var c = owned(id, caller);
        if (body == null
                || body.title() == null
                || body.title().isBlank()
                || body.title().strip().length() > 200) {
            throw ApiException.badRequest("invalid_title", "title must be 1 to 200 characters.");
        }
        conversations.rename(c.id(), userId(caller), body.title().strip());
        var after = owned(id, caller);
        return new Summary(after.id(), after.title(), after.createdAt(), after.updatedAt());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, Authentication caller) {
        var c = owned(id, caller);
        turns.get(c.id()).ifPresent(r -> {
            r.cancellation().cancel();
            confirmations.withdrawAll(c.id().toString());
        });
        conversations.delete(c.id(), userId(caller));
        audit.record(AuditEvent.of(
                        caller.getName(), "ai.conversation.delete", "ai_conversation/" + c.id(), AuditOutcome.SUCCESS)
                .withDetails(Map.of("title", c.title())));
        return ResponseEntity.noContent().build();
    }

    private ConversationRepository.Conversation owned(String id, Authentication caller) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ChatService.notFound();
        }
        return conversations.find(uuid, userId(caller)).orElseThrow(ChatService::notFound);
    }

    private UUID userId(Authentication caller) {
        return accounts.byUsername(caller.getName()).id();
    }
}
