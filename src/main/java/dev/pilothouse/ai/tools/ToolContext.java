package dev.pilothouse.ai.tools;

/**
 * Who a tool call runs for, and where.
 *
 * @param username the user whose rights the call has (RBAC, impersonation, audit actor)
 * @param conversationId the conversation the call belongs to (approvals are bound to it)
 * @param pageCluster the cluster on the user's screen, the default {@code cluster}; may be null
 * @param settings the AI settings of this turn
 * @param confirmations where a write's confirmation request goes (the user's chat)
 */
public record ToolContext(
        String username,
        String conversationId,
        String pageCluster,
        ToolSettings settings,
        ConfirmationChannel confirmations) {}
