package dev.pilothouse.ai.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Collects tool calls whose arguments arrive in pieces (Anthropic's input_json_delta, OpenAI's
 * tool_calls deltas), keyed by their index in the turn, and emits the started / delta /
 * complete events as it goes.
 */
final class ToolCallAssembler {

    private static final class Pending {
        final String id;
        final String name;
        final StringBuilder arguments = new StringBuilder();
        boolean complete;

        Pending(String id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    private final StreamingChat.Sink sink;
    private final TreeMap<Integer, Pending> calls = new TreeMap<>();
    private final List<ToolCall> completed = new ArrayList<>();

    ToolCallAssembler(StreamingChat.Sink sink) {
        this.sink = sink;
    }

    /** How many calls have been started, so the next one gets the next index. */
    int started() {
        return calls.size();
    }

    boolean has(int index) {
        return calls.containsKey(index);
    }

    void start(int index, String id, String name) {
        calls.put(index, new Pending(id, name));
        sink.emit(new StreamEvent.ToolCallStarted(index, id, name));
    }

    void arguments(int index, String fragment) {
        Pending call = calls.get(index);
        if (call == null || fragment == null || fragment.isEmpty()) return;
        call.arguments.append(fragment);
        sink.emit(new StreamEvent.ToolCallArgumentsDelta(index, fragment));
    }

    void complete(int index) {
        Pending call = calls.get(index);
        if (call == null || call.complete) return;
        call.complete = true;
        var done = new ToolCall(call.id, call.name, call.arguments.toString());
        completed.add(done);
        sink.emit(new StreamEvent.ToolCallComplete(index, done));
    }

    /** Completes any still open (OpenAI signals the end of all calls at once) and returns all. */
    List<ToolCall> finish() {
        calls.keySet().forEach(this::complete);
        return List.copyOf(completed);
    }
}
