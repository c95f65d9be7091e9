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
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

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

    private ChatResponse read(ChatCompletionCreateParams params, StreamingChat.Sink sink) {
        var text = new StringBuilder();
        var tools = new ToolCallAssembler(sink);
        StopReason stop = StopReason.OTHER;
        Usage usage = Usage.NONE;
        try (var stream = client.chat().completions().createStreaming(params)) {
            sink.closeOnStop(stream);
            for (var it = stream.stream().iterator(); it.hasNext() && !sink.stopped(); ) {
                ChatCompletionChunk chunk = it.next();
                for (var choice : chunk.choices()) {
                    if (choice.index() != 0) continue; // we never ask for n > 1
                    var delta = choice.delta();
                    delta.content().filter(s -> !s.isEmpty()).ifPresent(piece -> {
                        text.append(piece);
                        sink.emit(new StreamEvent.TextDelta(piece));
                    });
                    for (var call : delta.toolCalls().orElse(List.of())) {
                        int index = (int) call.index();
                        if (!tools.has(index)) {
                            tools.start(
                                    index,
                                    call.id().orElse("call_" + index),
                                    call.function().flatMap(f -> f.name()).orElse(""));
                        }
                        call.function().flatMap(f -> f.arguments()).ifPresent(args -> tools.arguments(index, args));
                    }
                    if (choice.finishReason().isPresent())
                        stop = stopReason(choice.finishReason().get().asString());
                }
                if (chunk.usage().isPresent()) {
                    var u = chunk.usage().get();
                    long cached = u.promptTokensDetails()
                            .flatMap(d -> d.cachedTokens())
                            .orElse(0L);
                    usage = new Usage(u.promptTokens() - cached, u.completionTokens(), cached, 0);
                    sink.emit(new StreamEvent.UsageReport(usage));
                }
            }
        }
        return new ChatResponse(text.toString(), tools.finish(), stop, usage);
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
