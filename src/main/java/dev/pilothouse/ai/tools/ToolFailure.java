package dev.pilothouse.ai.tools;

/**
 * A tool call that cannot go on, with the one sentence the model reads. Thrown inside this package
 * only; the executor turns it into {@link ToolOutcome.Failure}.
 */
final class ToolFailure extends RuntimeException {

    private final String code;

    ToolFailure(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    String code() {
        return code;
    }
}
