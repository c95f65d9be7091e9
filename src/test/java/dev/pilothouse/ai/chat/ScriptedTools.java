package dev.pilothouse.ai.chat;

import dev.pilothouse.ai.provider.Tool;
import dev.pilothouse.ai.provider.ToolCall;
import dev.pilothouse.ai.tools.AssistantTools;
import dev.pilothouse.ai.tools.ConfirmationOutcome;
import dev.pilothouse.ai.tools.ConfirmationRequest;
import dev.pilothouse.ai.tools.ToolContext;
import dev.pilothouse.ai.tools.ToolOutcome;
import dev.pilothouse.ai.tools.ToolSettings;
import dev.pilothouse.resource.ResourceChanges.ChangeResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * A scripted stand-in for {@code ai.tools} (test only): three read tools and one write, answers
 * set per tool name, and a write that asks for confirmation through the turn's channel and waits
 * for {@link ScriptedConfirmations}, as the real executor does. It records what it was asked.
 */
public final class ScriptedTools implements AssistantTools {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record Executed(ToolCall call, ToolContext context, long startedAt, long endedAt) {}

    private final ScriptedConfirmations confirmations;
    private final Map<String, ToolOutcome> answers = new ConcurrentHashMap<>();
    private final List<Executed> executed = new CopyOnWriteArrayList<>();
    private volatile Duration readDelay = Duration.ZERO;

    public ScriptedTools(ScriptedConfirmations confirmations) {
        this.confirmations = confirmations;
    }

    public void answer(String tool, ToolOutcome outcome) {
        answers.put(tool, outcome);
    }

    public void readDelay(Duration delay) {
        this.readDelay = delay;
    }

    public List<Executed> executed() {
        return new ArrayList<>(executed);
    }

    public void reset() {
        answers.clear();
        executed.clear();
        readDelay = Duration.ZERO;
    }

    @Override
    public List<Tool> definitions(ToolSettings settings) {
        if (!settings.toolsEnabled()) return List.of();
        var out = new ArrayList<Tool>();
        out.add(tool("get_resources", "List resources of a kind", false, "kind"));
        out.add(tool("get_logs", "Read a pod's logs", false, "namespace", "pod"));
        out.add(tool("get_events", "Read events", false, "namespace"));
        if (settings.writeToolsEnabled())
            out.add(tool("scale_resource", "Scale a workload", true, "kind", "name", "namespace", "replicas"));
        return out;
    }

    private static Tool tool(String name, String description, boolean confirm, String... params) {
        var properties = new java.util.LinkedHashMap<String, Object>();
        for (String p : params) properties.put(p, Map.of("type", "string"));
        return new Tool(name, description, Map.of("type", "object", "properties", properties), confirm);
    }

    @Override
    public ToolOutcome execute(ToolCall call, ToolContext context) {
        long start = System.nanoTime();
        try {
            if (call.name().equals("scale_resource")) return scale(call, context);
            if (!readDelay.isZero()) TimeUnit.NANOSECONDS.sleep(readDelay.toNanos());
            return answers.getOrDefault(
                    call.name(),
                    new ToolOutcome.Failure(
                            "unknown_tool", "No tool named " + call.name(), "Unknown tool " + call.name()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ToolOutcome.Failure("interrupted", "interrupted", "interrupted");
        } finally {
            executed.add(new Executed(call, context, start, System.nanoTime()));
        }
    }

    @SuppressWarnings("unchecked")
    private ToolOutcome scale(ToolCall call, ToolContext context) throws InterruptedException {
        Map<String, Object> args = JSON.readValue(call.arguments(), Map.class);
        var request = new ConfirmationRequest(
                UUID.randomUUID().toString(),
                context.conversationId(),
                call.id(),
                call.name(),
                args,
                context.pageCluster(),
                new ChangeResult(true, List.of()),
                Instant.now().plusSeconds(60));
        var pending = confirmations.open(context.username(), request);
        try {
            context.confirmations().requestConfirmation(request);
        } catch (IllegalStateException nobodyToAsk) {
            confirmations.forget(request.confirmationId());
            return new ToolOutcome.NotApproved(
                    ConfirmationOutcome.WITHDRAWN, "Not run: nobody could approve it.", "Not approved");
        }
        ConfirmationOutcome outcome = pending.get(10, TimeUnit.SECONDS);
        String what = "%s/%s to %s".formatted(args.get("kind"), args.get("name"), args.get("replicas"));
        return outcome == ConfirmationOutcome.APPROVED
                ? new ToolOutcome.Success("<tool-output>scaled " + what + "</tool-output>", "Scaled " + what)
                : new ToolOutcome.NotApproved(
                        outcome, "The user did not approve scaling " + what + ".", "Not approved: " + outcome.value());
    }
}
