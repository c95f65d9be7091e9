package dev.pilothouse.ai.tools;

/**
 * What one tool call produced: the shaped result the model reads (delimited as untrusted cluster
 * data, within the output budget) and a one-line summary for people: the outcome only ("12 pods,
 * 1 unhealthy"), which the chat shows after its own label of the call ("Listed pods in shop — 12
 * pods, 1 unhealthy").
 */
public sealed interface ToolOutcome {

    /** What goes back to the model as the tool's result. */
    String forModel();

    /** What the user sees on the tool call's row. */
    String summary();

    boolean ok();

    /** The call ran. */
    record Success(String forModel, String summary) implements ToolOutcome {
        @Override
        public boolean ok() {
            return true;
        }
    }

    /**
     * The call did not run or failed: bad arguments, RBAC refusal (with its explanation), not
     * found, cluster unreachable, timeout. {@code code} is a stable word for clients.
     */
    record Failure(String code, String forModel, String summary) implements ToolOutcome {
        @Override
        public boolean ok() {
            return false;
        }
    }

    /** A write the user rejected, or let expire, or that a cancelled turn withdrew. */
    record NotApproved(ConfirmationOutcome outcome, String forModel, String summary) implements ToolOutcome {
        @Override
        public boolean ok() {
            return false;
        }
    }
}
