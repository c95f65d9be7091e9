package dev.pilothouse.ai.tools;

import dev.pilothouse.resource.ResourceChanges.ChangeResult;
import java.time.Instant;
import java.util.Map;

/**
 * One write waiting for the user's approval: the fields of the {@code confirm_action} server frame.
 *
 * @param preview the server-side dry run of exactly this change (diffs; for delete, what goes)
 */
public record ConfirmationRequest(
        String confirmationId,
        String conversationId,
        String callId,
        String tool,
        Map<String, Object> arguments,
        String cluster,
        ChangeResult preview,
        Instant expiresAt) {}
