package dev.pilothouse.support;

import tools.jackson.databind.json.JsonMapper;

/**
 * OpenAI's Chat Completions stream as the API writes it, one SSE event per method: {@code
 * chat.completion.chunk}s whose deltas carry text or tool-call pieces (arguments split across
 * chunks), a finish reason, the usage chunk with empty choices, and {@code data: [DONE]}. Each
 * event ends with the blank line SSE needs. OpenAI-compatible servers speak the same.
 */
public final class OpenAiSse {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static final String DONE = "data: [DONE]\n\n";

    private OpenAiSse() {}

    /** A chunk of one choice: {@code delta} is the delta object as JSON, {@code finish} null while streaming. */
    public static String chunk(String delta, String finish) {
        return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"delta\":"
                + delta + ",\"finish_reason\":" + (finish == null ? "null" : "\"" + finish + "\"") + "}]}\n\n";
    }

    /** The first chunk of an answer: the role, and empty content. */
    public static String start() {
        return chunk("{\"role\":\"assistant\",\"content\":\"\"}", null);
    }

    public static String text(String piece) {
        return chunk("{\"content\":" + JSON.writeValueAsString(piece) + "}", null);
    }

    /** A tool call's first chunk: its id and name, no arguments yet. */
    public static String toolStart(int index, String id, String name) {
        return chunk(
                "{\"tool_calls\":[{\"index\":" + index + ",\"id\":\"" + id
                        + "\",\"type\":\"function\",\"function\":{\"name\":\"" + name + "\",\"arguments\":\"\"}}]}",
                null);
    }

    /** A piece of a tool call's arguments (a JSON string the API sends in fragments). */
    public static String toolArgs(int index, String piece) {
        return chunk(
                "{\"tool_calls\":[{\"index\":" + index + ",\"function\":{\"arguments\":"
                        + JSON.writeValueAsString(piece) + "}}]}",
                null);
    }

    /** The usage chunk ({@code stream_options.include_usage}), with the prompt tokens served from cache. */
    public static String usage(int prompt, int completion, int cached) {
        return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-test\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":" + completion
                + ",\"total_tokens\":"
                + (prompt + completion) + ",\"prompt_tokens_details\":{\"cached_tokens\":" + cached + "}}}\n\n";
    }
}
