package dev.pilothouse.ai.provider;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Ollama over its native HTTP API: {@code /api/chat} streams one JSON object per line,
 * {@code /api/tags} lists the installed models. Tool calls arrive whole (arguments as a JSON
 * object, not a string), and {@code done_reason} is "stop" even then, so tool use is detected
 * by the presence of {@code message.tool_calls}.
 */
final class OllamaProvider extends ProviderBase {

    private final HttpJson http;

    OllamaProvider(ProviderSettings settings, Embedder embedder) {
        super(settings, embedder);
        this.http = new HttpJson(
                settings.kind(),
                settings.effectiveBaseUrl(),
                settings.connectTimeout(),
                settings.readTimeout(),
                settings.apiKey() == null || settings.apiKey().isBlank()
                        ? Map.of()
                        : Map.of("Authorization", "Bearer " + settings.apiKey()));
    }

    @Override
    public ChatResponse chat(ChatRequest request, Consumer<StreamEvent> listener, Cancellation cancellation) {
        Map<String, Object> body = body(request);
        return stream(sink -> read(body, sink), listener, cancellation);
    }

    @Override
    public List<String> models() {
        var names = new ArrayList<String>();
        http.get("/api/tags")
                .path("models")
                .forEach(m -> names.add(m.path("name").asString()));
        return names;
    }

    Map<String, Object> body(ChatRequest request) {
        var body = new LinkedHashMap<String, Object>();
        body.put("model", settings.model());
        body.put("messages", messages(request.messages()));
        if (!request.tools().isEmpty()) {
            body.put(
                    "tools",
                    request.tools().stream()
                            .map(t -> Map.of(
                                    "type",
                                    "function",
                                    "function",
                                    Map.of(
                                            "name",
                                            t.name(),
                                            "description",
                                            t.description(),
                                            "parameters",
                                            t.parameters())))
                            .toList());
        }
        body.put("stream", true);
        var options = new LinkedHashMap<String, Object>();
        options.put(
                "num_predict",
                request.maxOutputTokens() != null ? request.maxOutputTokens() : settings.maxOutputTokens());
        if (settings.temperature() != null) options.put("temperature", settings.temperature());
        body.put("options", options);
        return body;
    }

    /** Tool results are one "tool" message per call, matched by tool name. */
    private static List<Map<String, Object>> messages(List<Message> messages) {
        var out = new ArrayList<Map<String, Object>>();
        for (Message message : messages) {
            switch (message.role()) {
                case SYSTEM -> out.add(Map.of("role", "system", "content", message.text()));
                case USER -> out.add(Map.of("role", "user", "content", message.text()));
                case ASSISTANT -> {
                    var wire = new LinkedHashMap<String, Object>();
                    wire.put("role", "assistant");
                    wire.put("content", message.text());
                    var calls = message.toolCalls().stream()
                            .map(c -> Map.of(
                                    "function", Map.of("name", c.name(), "arguments", Json.parseObject(c.arguments()))))
                            .toList();
                    if (!calls.isEmpty()) wire.put("tool_calls", calls);
                    out.add(wire);
                }
                case TOOL ->
                    message.toolResults().forEach(r -> {
                        var wire = new LinkedHashMap<String, Object>();
                        wire.put("role", "tool");
                        wire.put("content", r.error() ? "Error: " + r.content() : r.content());
                        if (r.toolName() != null) wire.put("tool_name", r.toolName());
                        out.add(wire);
                    });
            }
        }
        return out;
    }

    private ChatResponse read(Map<String, Object> body, StreamingChat.Sink sink) throws IOException {
        var text = new StringBuilder();
        var tools = new ToolCallAssembler(sink);
        StopReason stop = StopReason.OTHER;
        Usage usage = Usage.NONE;
        boolean done = false;
        var in = http.postStream("/api/chat", body);
        sink.closeOnStop(in);
        try (in) {
            String line;
            while (!done && !sink.stopped() && (line = in.next()) != null) {
                if (line.isBlank()) continue;
                JsonNode chunk;
                try {
                    chunk = Json.MAPPER.readTree(line);
                } catch (JacksonException e) {
                    throw LlmException.malformed(kind(), "a line that is not JSON: " + abbreviate(line), e);
                }
                if (chunk.has("error")) {
                    throw LlmException.fromStatus(
                            kind(), 500, chunk.path("error").asString(), null, null);
                }
                JsonNode message = chunk.path("message");
                String piece = message.path("content").asString("");
                if (!piece.isEmpty()) {
                    text.append(piece);
                    sink.emit(new StreamEvent.TextDelta(piece));
                }
                for (JsonNode call : message.path("tool_calls")) {
                    int index = tools.started();
                    JsonNode function = call.path("function");
                    String id = call.path("id").asString("call_" + index);
                    tools.start(index, id, function.path("name").asString());
                    JsonNode args = function.path("arguments");
                    tools.arguments(index, args.isString() ? args.asString() : Json.write(args));
                    tools.complete(index);
                }
                if (chunk.path("done").asBoolean(false)) {
                    done = true;
                    usage = new Usage(
                            chunk.path("prompt_eval_count").asLong(0),
                            chunk.path("eval_count").asLong(0),
                            0,
                            0);
                    sink.emit(new StreamEvent.UsageReport(usage));
                    stop = switch (chunk.path("done_reason").asString("stop")) {
                        case "length" -> StopReason.MAX_TOKENS;
                        case "stop" -> StopReason.END_TURN;
                        default -> StopReason.OTHER;
                    };
                }
            }
        }
        if (!done && !sink.stopped())
            throw LlmException.malformed(kind(), "the stream ended before its last chunk", null);
        var calls = tools.finish();
        if (!calls.isEmpty()) stop = StopReason.TOOL_USE;
        return new ChatResponse(text.toString(), calls, stop, usage);
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }

    @Override
    LlmException translateSdk(Throwable error) {
        return null; // plain HTTP: the shared translation covers it
    }
}
