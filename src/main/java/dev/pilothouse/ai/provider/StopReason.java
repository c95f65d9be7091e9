package dev.pilothouse.ai.provider;

/** Why the model stopped, in one vocabulary for all providers. */
public enum StopReason {
    /** It finished its answer. */
    END_TURN,
    /** It wants the tool calls run and their results sent back. */
    TOOL_USE,
    /** It hit the output token limit; the answer is cut off. */
    MAX_TOKENS,
    STOP_SEQUENCE,
    /** It declined to answer (a safety refusal or content filter). */
    REFUSAL,
    /** We cancelled the stream. */
    CANCELLED,
    OTHER
}
