package dev.pilothouse.ai.provider;

/**
 * What a streaming call reports, in order. A listener sees content events, then exactly one of
 * {@link Done} or {@link Error}. Tool call events carry the call's position in the turn
 * ({@code index}), since arguments of parallel calls may interleave.
 */
public sealed interface StreamEvent {

    record TextDelta(String text) implements StreamEvent {}

    record ToolCallStarted(int index, String id, String name) implements StreamEvent {}

    record ToolCallArgumentsDelta(int index, String fragment) implements StreamEvent {}

    record ToolCallComplete(int index, ToolCall call) implements StreamEvent {}

    record UsageReport(Usage usage) implements StreamEvent {}

    /** The stream ended; a cancelled stream ends with stop reason CANCELLED and what came so far. */
    record Done(ChatResponse response) implements StreamEvent {}

    record Error(LlmException error) implements StreamEvent {}

    /** Events that reached the user: after one of these, a failed call is not retried. */
    default boolean isContent() {
        return this instanceof TextDelta
                || this instanceof ToolCallStarted
                || this instanceof ToolCallArgumentsDelta
                || this instanceof ToolCallComplete;
    }
}
