package dev.pilothouse.ai.provider;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientImpl;
import com.openai.client.okhttp.OkHttpClient;
import com.openai.core.ClientOptions;
import com.openai.core.JsonValue;
import com.openai.core.Timeout;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.SseException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * OpenAI's Chat Completions API through {@code openai-java}, and with a base URL any
 * OpenAI-compatible server (vLLM, LM Studio, llama.cpp, OpenRouter, Azure). Parallel tool calls
 * arrive as deltas keyed by index; usage comes in a last chunk with no choices
 * ({@code stream_options.include_usage}).
 */
final class OpenAiProvider extends ProviderBase {

    private final OpenAIClient client;

    OpenAiProvider(ProviderSettings settings, Embedder embedder) {
        super(settings, embedder);
        this.client = client(settings);
    }

    /** The SDK's client on its OkHttp transport, every answer read within {@link BoundedBody}'s limits. */
    static OpenAIClient client(ProviderSettings settings) {
        var timeout = Timeout.builder()
                .connect(settings.connectTimeout())
                .read(settings.readTimeout())
                .request(Duration.ofMinutes(30))
                .build();
        var http = OkHttpClient.builder().timeout(timeout).build();
        return new OpenAIClientImpl(ClientOptions.builder()
                .httpClient(BoundedSdkHttp.openAi(http, settings.kind()))
                // Local compatible servers take any key; the SDK insists on one.
                .apiKey(settings.apiKey() == null || settings.apiKey().isBlank() ? "none" : settings.apiKey())
                .baseUrl(settings.effectiveBaseUrl())
                .maxRetries(0) // RetryPolicy owns retries
                .timeout(timeout)
                .build());
    }

    @Override
    public ChatResponse chat(ChatRequest request, Consumer<StreamEvent> listener, Cancellation cancellation) {
        ChatCompletionCreateParams params = params(request);
        return stream(sink -> read(params, sink), listener, cancellation);
    }

    @Override
    public List<String> models() {
        try {
            var ids = new ArrayList<String>();
            client.models().list().autoPager().forEach(m -> ids.add(m.id()));
            return ids;
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    ChatCompletionCreateParams params(ChatRequest request) {
        var builder = ChatCompletionCreateParams.builder()
                .model(settings.model())
                .maxCompletionTokens(
                        request.maxOutputTokens() != null ? request.maxOutputTokens() : settings.maxOutputTokens())
                .messages(JsonValue.from(messages(request.messages())))
                .streamOptions(
                        ChatCompletionStreamOptions.builder().includeUsage(true).build());
        if (!request.tools().isEmpty()) {
            var tools = new ArrayList<Map<String, Object>>();
            for (Tool tool : request.tools()) {
                tools.add(Map.of(
                        "type",
                        "function",
                        "function",
                        Map.of(
                                "name",
                                tool.name(),
                                "description",
                                tool.description(),
                                "parameters",
                                tool.parameters())));
            }
            builder.tools(JsonValue.from(tools)).parallelToolCalls(true);
        }
        if (settings.temperature() != null)
            builder.temperature(settings.temperature().doubleValue());
        return builder.build();
    }

    /** Tool results are one "tool" message per call; tool calls carry their arguments as a JSON string. */
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
                                    "id",
                                    c.id(),
                                    "type",
                                    "function",
                                    "function",
                                    Map.of("name", c.name(), "arguments", c.arguments())))
                            .toList();
                    if (!calls.isEmpty()) wire.put("tool_calls", calls);
                    out.add(wire);
                }
                case TOOL ->
                    message.toolResults()
                            .forEach(r -> out.add(Map.of(
                                    "role",
                                    "tool",
                                    "tool_call_id",
                                    r.toolCallId(),
                                    "content",
                                    r.error() ? "Error: " + r.content() : r.content())));
            }
        }
        return out;
    }

    /**
     * Reads the stream's events ourselves from the SDK's raw response: the SDK sends the request
     * (auth, base URL, our bounded HTTP client) and checks the status, but its own parsing of each
     * chunk into typed objects (a JSON tree, then a Kotlin-reflective binding of every field) was
     * more than half of all memory allocated while 100 replies streamed, and the garbage collector's
     * pauses it caused were the tail of token latency (docs/benchmarks.md, chat). A chunk here is
     * one JSON tree read for the few fields we use.
     */
    private ChatResponse read(ChatCompletionCreateParams params, StreamingChat.Sink sink) throws IOException {
        var text = new StringBuilder();
        var tools = new ToolCallAssembler(sink);
        StopReason stop = StopReason.OTHER;
        Usage usage = Usage.NONE;
        try (var response = client.chat().completions().withRawResponse().createStreaming(params)) {
            sink.closeOnStop(response);
            var events = new SseEvents(response.body());
            for (String data; !sink.stopped() && (data = events.next()) != null; ) {
                if (data.startsWith("[DONE]")) break;
                JsonNode chunk = chunk(data);
                if (chunk.has("error")) {
                    throw LlmException.fromStatus(
                            kind(), 500, chunk.get("error").toString(), null, null);
                }
                for (JsonNode choice : chunk.path("choices")) {
                    if (choice.path("index").asInt(0) != 0) continue; // we never ask for n > 1
                    JsonNode delta = choice.path("delta");
                    String piece = delta.path("content").asString("");
                    if (!piece.isEmpty()) {
                        text.append(piece);
                        sink.emit(new StreamEvent.TextDelta(piece));
                    }
                    for (JsonNode call : delta.path("tool_calls")) {
                        int index = call.path("index").asInt(0);
                        JsonNode function = call.path("function");
                        if (!tools.has(index)) {
                            tools.start(
                                    index,
                                    call.path("id").asString("call_" + index),
                                    function.path("name").asString(""));
                        }
                        JsonNode arguments = function.path("arguments");
                        if (arguments.isString()) tools.arguments(index, arguments.asString());
                    }
                    JsonNode finish = choice.path("finish_reason");
                    if (finish.isString()) stop = stopReason(finish.asString());
                }
                JsonNode u = chunk.path("usage");
                if (u.isObject()) {
                    long cached = u.path("prompt_tokens_details")
                            .path("cached_tokens")
                            .asLong(0);
                    usage = new Usage(
                            u.path("prompt_tokens").asLong(0) - cached,
                            u.path("completion_tokens").asLong(0),
                            cached,
                            0);
                    sink.emit(new StreamEvent.UsageReport(usage));
                }
            }
        }
        return new ChatResponse(text.toString(), tools.finish(), stop, usage);
    }

    private JsonNode chunk(String data) {
        try {
            JsonNode chunk = Json.MAPPER.readTree(data);
            if (!chunk.isObject()) throw LlmException.malformed(kind(), "an event that is not a JSON object", null);
            return chunk;
        } catch (JacksonException e) {
            String shown = data.length() > 200 ? data.substring(0, 200) + "…" : data;
            throw LlmException.malformed(kind(), "an event that is not JSON: " + shown, e);
        }
    }

    private static StopReason stopReason(String wire) {
        return switch (wire) {
            case "stop" -> StopReason.END_TURN;
            case "tool_calls", "function_call" -> StopReason.TOOL_USE;
            case "length" -> StopReason.MAX_TOKENS;
            case "content_filter" -> StopReason.REFUSAL;
            default -> StopReason.OTHER;
        };
    }

    @Override
    LlmException translateSdk(Throwable error) {
        ProviderKind p = kind();
        if (error instanceof SseException e) return LlmException.fromStatus(p, 500, String.valueOf(e.body()), null, e);
        if (error instanceof OpenAIServiceException e) {
            var retryAfter = RetryAfter.parse(
                    e.headers().values("retry-after-ms"), e.headers().values("retry-after"));
            return LlmException.fromStatus(p, e.statusCode(), String.valueOf(e.body()), retryAfter, e);
        }
        if (error instanceof OpenAIIoException e) return ioFailure(e);
        if (error instanceof OpenAIInvalidDataException e) return LlmException.malformed(p, e.getMessage(), e);
        return null;
    }
}
