package dev.pilothouse.ai.tools;

import dev.pilothouse.ai.provider.Tool;
import dev.pilothouse.ai.provider.ToolCall;
import dev.pilothouse.platform.ApiException;
import dev.pilothouse.resource.ResourceReads;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Runs the model's tool calls as the user, through the {@code resource} services the dashboard
 * uses (same RBAC, impersonation and audit). Arguments are validated first; every failure comes
 * back as a {@link ToolOutcome.Failure} with one sentence the model can act on, never as an
 * exception. Holds no per-call state, so calls of one model step may run in parallel.
 */
@Service
public class ToolExecutor implements AssistantTools {

    private static final Logger log = LoggerFactory.getLogger(ToolExecutor.class);

    private final ToolCatalog catalog = new ToolCatalog();
    private final ToolArguments arguments = new ToolArguments();
    private final ReadTools readTools;
    private final WriteTools writeTools;
    private final ResourceReads reads;
    private final Duration callTimeout;

    ToolExecutor(ReadTools readTools, WriteTools writeTools, ResourceReads reads, ToolProperties properties) {
        this.readTools = readTools;
        this.writeTools = writeTools;
        this.reads = reads;
        this.callTimeout = properties.callTimeout();
    }

    @Override
    public List<Tool> definitions(ToolSettings settings) {
        return catalog.offered(settings);
    }

    @Override
    public ToolOutcome execute(ToolCall call, ToolContext context) {
        try {
            return run(call, context);
        } catch (ToolFailure f) {
            return failure(f.code(), f.getMessage());
        } catch (ApiException e) {
            return failure(e.code(), sentence(e.getMessage()) + advice(e.code()));
        } catch (RuntimeException e) {
            log.warn("Tool {} failed unexpectedly", call.name(), e);
            return failure(
                    "tool_error",
                    call.name() + " failed on the server (" + e.getClass().getSimpleName()
                            + "); try again, or answer without it.");
        }
    }

    private ToolOutcome run(ToolCall call, ToolContext given) {
        ToolContext context = given.settings() != null
                ? given
                : new ToolContext(
                        given.username(),
                        given.conversationId(),
                        given.pageCluster(),
                        ToolSettings.defaults(),
                        given.confirmations() == null ? ConfirmationChannel.NONE : given.confirmations());
        ToolSettings settings = context.settings();
        if (!settings.toolsEnabled()) {
            throw new ToolFailure("tools_disabled", "Tools are turned off in the AI settings; answer without them.");
        }
        Tool tool = catalog.find(call.name())
                .orElseThrow(() -> new ToolFailure(
                        "unknown_tool",
                        "There is no tool '" + Maps.oneLine(call.name(), 64) + "'; the tools are "
                                + catalog.offered(settings).stream()
                                        .map(Tool::name)
                                        .collect(Collectors.joining(", ")) + "."));
        if (tool.requiresConfirm() && !settings.writeToolsEnabled()) {
            throw new ToolFailure(
                    "read_only",
                    "This assistant is read-only (write tools are off in the AI settings), so " + tool.name()
                            + " cannot run; tell the user what to change and they can do it in the dashboard.");
        }
        ToolArguments.Args args = arguments.parse(tool, call.arguments());
        if (tool.name().equals(ToolCatalog.LIST_CLUSTERS)) {
            Shaped shaped = readTools.run(tool.name(), args, null, context);
            return new ToolOutcome.Success(Untrusted.wrap(tool.name(), null, shaped.body()), shaped.summary());
        }
        String cluster = ClusterChoice.resolve(args, context, reads);
        if (tool.requiresConfirm()) {
            return writeTools.run(call, args, cluster, context);
        }
        Shaped shaped = Timed.call(
                () -> readTools.run(tool.name(), args, cluster, context),
                callTimeout,
                tool.name() + " got no answer from cluster '" + cluster + "' within " + Maps.duration(callTimeout)
                        + "; narrow it (namespace, labelSelector, tailLines) or try again later.");
        return new ToolOutcome.Success(Untrusted.wrap(tool.name(), cluster, shaped.body()), shaped.summary());
    }

    private static ToolOutcome failure(String code, String message) {
        String text = SecretScrubber.scrub(Maps.oneLine(message, 600));
        return new ToolOutcome.Failure(code, "Error (" + code + "): " + text, Maps.oneLine(text, 160));
    }

    private static String sentence(String message) {
        String m = message == null ? "the cluster refused the call" : message.strip();
        return m.endsWith(".") ? m : m + ".";
    }

    /** What the model can do next, for the refusals it meets most. */
    private static String advice(String code) {
        return switch (code) {
            case "rbac_denied", "cluster_forbidden" ->
                " This user's role does not allow it; explain that to the user instead of retrying.";
            case "unknown_kind" -> " Check the kind's spelling, or use search_resources.";
            case "resource_not_found" -> " Check the name and namespace, e.g. with get_resources or search_resources.";
            case "cluster_unreachable" -> " Tell the user the cluster is not answering.";
            case "cluster_not_found" -> " Use list_clusters to see the clusters this user may use.";
            default -> "";
        };
    }
}
