package dev.pilothouse.ai.provider;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.Timeout;
import com.anthropic.errors.AnthropicInvalidDataException;
import com.anthropic.errors.AnthropicIoException;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.SseException;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Claude through {@code anthropic-java}'s Messages API. We read the raw stream events and
 * assemble the message ourselves (the SDK's accumulated {@code ToolUseBlock.caller()} throws on
 * responses without a caller). Messages, system prompt and tools are sent in the API's wire
 * shape: our port's types map onto it one to one, and the system prompt and the tool
 * definitions carry {@code cache_control} so repeated turns hit the prompt cache.
 */
final class AnthropicProvider extends ProviderBase {

    private static final Map<String, String> EPHEMERAL = Map.of("type", "ephemeral");

    private final AnthropicClient client;

    AnthropicProvider(ProviderSettings settings, Embedder embedder) {
        super(settings, embedder);
        this.client = AnthropicOkHttpClient.builder()
                .apiKey(settings.apiKey() == null ? "" : settings.apiKey())
                .baseUrl(settings.effectiveBaseUrl())
                .maxRetries(0) // RetryPolicy owns retries; the SDK's would multiply them
                // Every answer read within BoundedBody's limits; the SDK sets none.
                .addInterceptor(next -> BoundedSdkHttp.anthropic(next, settings.kind()))
                .timeout(Timeout.builder()
                        .connect(settings.connectTimeout())
                        .read(settings.readTimeout())
                        .request(Duration.ofMinutes(30))
                        .build())
                .build();
    }

    @Override
    public ChatResponse chat(ChatRequest request, Consumer<StreamEvent> listener, Cancellation cancellation) {
        requireKey();
        MessageCreateParams params = params(request);
        return stream(sink -> read(params, sink), listener, cancellation);
    }

    @Override
    public List<String> models() {
        requireKey();
        try {
            var ids = new ArrayList<String>();
            client.models().list().autoPager().forEach(m -> ids.add(m.id()));
            return ids;
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /** Without a key nothing is sent: Anthropic would refuse it, and the user must hear "not set", not "refused". */
    private void requireKey() {
        if (settings.apiKey() == null || settings.apiKey().isBlank()) throw LlmException.missingKey(kind());
    }

    MessageCreateParams params(ChatRequest request) {
        var builder = MessageCreateParams.builder()
                .model(settings.model())
                .maxTokens(request.maxOutputTokens() != null ? request.maxOutputTokens() : settings.maxOutputTokens())
                .messages(JsonValue.from(messages(request.messages())));
        String system = request.systemPrompt();
        if (!system.isEmpty()) {
            builder.system(JsonValue.from(List.of(Map.of("type", "text", "text", system, "cache_control", EPHEMERAL))));
        }
        if (!request.tools().isEmpty()) {
            var tools = new ArrayList<Map<String, Object>>();
            for (Tool tool : request.tools()) {
                var wire = new LinkedHashMap<String, Object>();
                wire.put("name", tool.name());
                wire.put("description", tool.description());
                wire.put("input_schema", tool.parameters());
                tools.add(wire);
            }
            // One breakpoint after the last tool caches every definition.
            tools.getLast().put("cache_control", EPHEMERAL);
            builder.tools(JsonValue.from(tools));
        }
        // This SDK version has no typed temperature (newer models fix it); the API still takes it.
        if (settings.temperature() != null)
            builder.putAdditionalBodyProperty("temperature", JsonValue.from(settings.temperature()));
        return builder.build();
    }

    /** User and tool turns both become "user" turns; consecutive turns of one role are merged. */
    private static List<Map<String, Object>> messages(List<Message> messages) {
        var out = new ArrayList<Map<String, Object>>();
        for (Message message : messages) {
            if (message.role() == Message.Role.SYSTEM) continue;
            String role = message.role() == Message.Role.ASSISTANT ? "assistant" : "user";
            var blocks = new ArrayList<Map<String, Object>>();
            for (ContentPart part : message.content()) {
                switch (part) {
                    case ContentPart.Text t -> {
                        if (!t.text().isEmpty()) blocks.add(Map.of("type", "text", "text", t.text()));
                    }
                    case ContentPart.ToolUse u ->
                        blocks.add(Map.of(
                                "type",
                                "tool_use",
                                "id",
                                u.call().id(),
                                "name",
                                u.call().name(),
                                "input",
                                Json.parseObject(u.call().arguments())));
                    case ContentPart.ToolResult r ->
                        blocks.add(Map.of(
                                "type",
                                "tool_result",
                                "tool_use_id",
                                r.toolCallId(),
                                "content",
                                r.content(),
                                "is_error",
                                r.error()));
                }
            }
            if (blocks.isEmpty()) continue;
            if (!out.isEmpty() && out.getLast().get("role").equals(role)) {
                @SuppressWarnings("unchecked")
                var previous = (List<Map<String, Object>>) out.getLast().get("content");
                previous.addAll(blocks);
            } else {
                out.add(new LinkedHashMap<>(Map.of("role", role, "content", blocks)));
            }
        }
        return out;
    }

    private ChatResponse read(MessageCreateParams params, StreamingChat.Sink sink) {
        var text = new StringBuilder();
        var tools = new ToolCallAssembler(sink);
        StopReason stop = StopReason.OTHER;
        long input = 0, output = 0, cacheRead = 0, cacheWrite = 0;
        try (var stream = client.messages().createStreaming(params)) {
            sink.closeOnStop(stream);
            for (var it = stream.stream().iterator(); it.hasNext() && !sink.stopped(); ) {
                RawMessageStreamEvent event = it.next();
                if (event.isMessageStart()) {
                    var usage = event.asMessageStart().message().usage();
                    input = usage.inputTokens();
                    output = usage.outputTokens();
                    cacheRead = usage.cacheReadInputTokens().orElse(0L);
                    cacheWrite = usage.cacheCreationInputTokens().orElse(0L);
                } else if (event.isContentBlockStart()) {
                    var start = event.asContentBlockStart();
                    start.contentBlock()
                            .toolUse()
                            .ifPresent(use -> tools.start((int) start.index(), use.id(), use.name()));
                } else if (event.isContentBlockDelta()) {
                    var delta = event.asContentBlockDelta();
                    if (delta.delta().isText()) {
                        String piece = delta.delta().asText().text();
                        text.append(piece);
                        sink.emit(new StreamEvent.TextDelta(piece));
                    } else if (delta.delta().isInputJson()) {
                        tools.arguments(
                                (int) delta.index(), delta.delta().asInputJson().partialJson());
                    }
                } else if (event.isContentBlockStop()) {
                    tools.complete((int) event.asContentBlockStop().index());
                } else if (event.isMessageDelta()) {
                    var delta = event.asMessageDelta();
                    stop = delta.delta()
                            .stopReason()
                            .map(r -> stopReason(r.asString()))
                            .orElse(stop);
                    var usage = delta.usage();
                    output = usage.outputTokens();
                    input = usage.inputTokens().orElse(input);
                    cacheRead = usage.cacheReadInputTokens().orElse(cacheRead);
                    cacheWrite = usage.cacheCreationInputTokens().orElse(cacheWrite);
                    sink.emit(new StreamEvent.UsageReport(new Usage(input, output, cacheRead, cacheWrite)));
                }
            }
        }
        return new ChatResponse(text.toString(), tools.finish(), stop, new Usage(input, output, cacheRead, cacheWrite));
    }

    private static StopReason stopReason(String wire) {
        return switch (wire) {
            case "end_turn" -> StopReason.END_TURN;
            case "tool_use" -> StopReason.TOOL_USE;
            case "max_tokens", "model_context_window_exceeded" -> StopReason.MAX_TOKENS;
            case "stop_sequence" -> StopReason.STOP_SEQUENCE;
            case "refusal" -> StopReason.REFUSAL;
            default -> StopReason.OTHER;
        };
    }

    @Override
    LlmException translateSdk(Throwable error) {
        ProviderKind p = kind();
        if (error instanceof SseException e) {
            // An error event mid-stream: the HTTP status was 200, the body says what went wrong.
            return LlmException.fromStatus(p, 500, String.valueOf(e.body()), null, e);
        }
        if (error instanceof AnthropicServiceException e) {
            var retryAfter = RetryAfter.parse(
                    e.headers().values("retry-after-ms"), e.headers().values("retry-after"));
            String detail = e.apiMessage().orElse(String.valueOf(e.body()));
            return LlmException.fromStatus(
                    p,
                    e.statusCode(),
                    e.errorType().map(t -> t.asString() + ": ").orElse("") + detail,
                    retryAfter,
                    e);
        }
        if (error instanceof AnthropicIoException e) return ioFailure(e);
        if (error instanceof AnthropicInvalidDataException e) return LlmException.malformed(p, e.getMessage(), e);
        return null;
    }
}
