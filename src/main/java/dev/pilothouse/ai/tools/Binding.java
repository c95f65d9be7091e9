package dev.pilothouse.ai.tools;

import java.time.Instant;
import java.util.Map;

/**
 * Exactly one change an approval is for: who, in which conversation, on which cluster, which tool
 * with which arguments, the dry-run preview the user saw (its hash) and the resourceVersion of
 * every object it touches at preview time. On approval the executor runs this change and no other.
 *
 * @param target what the audit log names, e.g. {@code Deployment shop/web}
 * @param namespace the namespace of the (first) object, for the audit log
 */
record Binding(
        String id,
        String username,
        String conversationId,
        String callId,
        String cluster,
        String tool,
        String argumentsHash,
        String previewHash,
        Map<String, String> resourceVersions,
        String target,
        String namespace,
        Instant expiresAt) {}
