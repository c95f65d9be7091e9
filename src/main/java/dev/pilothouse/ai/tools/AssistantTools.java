package dev.pilothouse.ai.tools;

import dev.pilothouse.ai.provider.Tool;
import dev.pilothouse.ai.provider.ToolCall;
import java.util.List;

/**
 * The assistant's hands on clusters, as the orchestrator ({@code ai.chat}) sees them: what the
 * model is offered, and running one call on behalf of the user. This is the seam between the two
 * modules; a chat turn can be tested with a fake of it.
 */
public interface AssistantTools {

    /** The tools offered to the model under these settings (none when tools are off). */
    List<Tool> definitions(ToolSettings settings);

    /**
     * Runs one call as {@code context.username()} — never with more rights. A write first waits
     * for the user's decision through {@code context.confirmations()}. Bad arguments, refusals,
     * timeouts and cluster errors come back as a failed {@link ToolOutcome}; this never throws for
     * them, so one failing call never ends the turn.
     */
    ToolOutcome execute(ToolCall call, ToolContext context);
}
