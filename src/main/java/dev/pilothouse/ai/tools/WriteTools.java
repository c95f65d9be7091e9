package dev.pilothouse.ai.tools;

import dev.pilothouse.ai.provider.ToolCall;
import dev.pilothouse.audit.AuditEvent;
import dev.pilothouse.audit.AuditLog;
import dev.pilothouse.audit.AuditOutcome;
import dev.pilothouse.platform.ApiException;
import dev.pilothouse.resource.Caller;
import dev.pilothouse.resource.ObjectRef;
import dev.pilothouse.resource.ResourceChanges;
import dev.pilothouse.resource.ResourceChanges.Change;
import dev.pilothouse.resource.ResourceChanges.ChangeResult;
import dev.pilothouse.resource.ResourceReads;
import dev.pilothouse.resource.ResourceType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The four writes. Each runs first as a server-side dry run (which is also where RBAC refuses: a
 * refused write never asks the user), is shown to the user as a {@code confirm_action} with that
 * preview, and runs for real only after the user's approval, and only if nothing it touches has
 * changed since the preview. Nothing the model says counts as approval.
 */
@Component
class WriteTools {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> REFUSALS = Set.of("rbac_denied", "cluster_forbidden");

    private final ResourceChanges changes;
    private final ResourceReads reads;
    private final PendingConfirmations confirmations;
    private final AuditLog audit;
    private final Duration callTimeout;

    WriteTools(
            ResourceChanges changes,
            ResourceReads reads,
            PendingConfirmations confirmations,
            AuditLog audit,
            ToolProperties properties) {
        this.changes = changes;
        this.reads = reads;
        this.confirmations = confirmations;
        this.audit = audit;
        this.callTimeout = properties.callTimeout();
    }

    /** One write as the resource services take it, dry or for real. */
    private interface Write {
        /** @param takeOver other managers' fields the approved preview showed being taken over (apply only) */
        ChangeResult run(boolean dryRun, List<ResourceChanges.Conflict> takeOver);
    }

    ToolOutcome run(ToolCall call, ToolArguments.Args args, String cluster, ToolContext context) {
        Caller caller = Caller.assistant(context.username());
        String tool = call.name();
        // A decision must name this conversation or none; a call made outside one is bound to "".
        String conversation = context.conversationId() == null ? "" : context.conversationId();
        Write write = write(tool, args, cluster, caller);
        String verb = verb(tool);

        ChangeResult preview;
        try {
            preview = timed(
                    () -> write.run(true, List.of()),
                    "The dry run of " + tool + " did not finish within " + Maps.duration(callTimeout)
                            + "; nothing was changed. Try again later.");
        } catch (ApiException e) {
            if (REFUSALS.contains(e.code())) deniedAtPreview(caller, cluster, tool, verb, args, e);
            throw e;
        }
        Map<String, String> versions = versions(caller, cluster, preview);
        Change first = preview.changes().getFirst();
        String target = first.kind() + " " + (first.namespace() == null ? "" : first.namespace() + "/") + first.name()
                + (preview.changes().size() > 1 ? " and " + (preview.changes().size() - 1) + " more" : "");
        var binding = new Binding(
                UUID.randomUUID().toString(),
                context.username(),
                conversation,
                call.id(),
                cluster,
                tool,
                hash(JSON.writeValueAsString(new TreeMap<>(args.values()))),
                previewHash(preview),
                versions,
                target,
                first.namespace(),
                confirmations.now().plus(confirmations.timeout()));
        // The user sees what goes along with a deleted object; the binding keeps the preview
        // of the write itself (what the pods of a ReplicaSet are called is not what is approved).
        ChangeResult shown =
                tool.equals(ToolCatalog.DELETE_RESOURCE) ? Cascade.withOwned(reads, caller, cluster, preview) : preview;
        var request = new ConfirmationRequest(
                binding.id(),
                context.conversationId(),
                call.id(),
                tool,
                args.values(),
                cluster,
                shown,
                binding.expiresAt());

        ConfirmationOutcome outcome = confirmations.await(binding, context.confirmations(), request);
        if (outcome != ConfirmationOutcome.APPROVED) {
            return notApproved(outcome, tool, target);
        }

        // Approved: exactly that change, and only if what it touches is as the user saw it.
        Map<String, String> now = versions(caller, cluster, preview);
        if (!now.equals(versions)) {
            return changedSincePreview(caller, cluster, binding, verb, versions, now);
        }
        ChangeResult again = timed(
                () -> write.run(true, List.of()),
                "The cluster did not answer within " + Maps.duration(callTimeout)
                        + " while the approved change was checked; nothing was changed.");
        if (!previewHash(again).equals(binding.previewHash())) {
            return changedSincePreview(caller, cluster, binding, verb, versions, versions(caller, cluster, again));
        }
        ChangeResult done = timed(
                () -> write.run(false, takenOver(preview)),
                "The cluster did not confirm the " + verb + " within "
                        + Maps.duration(callTimeout)
                        + "; it may or may not have happened: check with get_resources before"
                        + " trying again.");
        return done(tool, cluster, done, context);
    }

    private Write write(String tool, ToolArguments.Args args, String cluster, Caller caller) {
        ObjectRef ref = new ObjectRef(cluster, args.str("kind"), null, args.str("namespace"), args.str("name"));
        return switch (tool) {
            case ToolCatalog.APPLY_YAML ->
                (dry, takeOver) ->
                        changes.apply(caller, cluster, args.str("yaml"), args.str("namespace"), dry, takeOver);
            case ToolCatalog.DELETE_RESOURCE -> (dry, takeOver) -> changes.delete(caller, ref, dry);
            case ToolCatalog.SCALE_RESOURCE ->
                (dry, takeOver) -> changes.scale(caller, ref, args.integer("replicas"), dry);
            case ToolCatalog.RESTART_RESOURCE -> (dry, takeOver) -> changes.restart(caller, ref, dry);
            default -> throw new IllegalArgumentException(tool);
        };
    }

    private static String verb(String tool) {
        return switch (tool) {
            case ToolCatalog.APPLY_YAML -> "apply";
            case ToolCatalog.DELETE_RESOURCE -> "delete";
            case ToolCatalog.SCALE_RESOURCE -> "scale";
            default -> "restart";
        };
    }

    private <T> T timed(java.util.function.Supplier<T> work, String message) {
        return Timed.call(work, callTimeout, message);
    }

    /** The resourceVersion of every object the change touches ("absent" for one it creates). */
    private Map<String, String> versions(Caller caller, String cluster, ChangeResult preview) {
        Map<String, String> versions = new TreeMap<>();
        for (Change c : preview.changes()) {
            String key = c.kind() + " " + (c.namespace() == null ? "" : c.namespace() + "/") + c.name();
            String version;
            try {
                Map<String, Object> current = timed(
                        () -> reads.get(caller, new ObjectRef(cluster, c.kind(), null, c.namespace(), c.name())),
                        "The cluster did not answer within " + Maps.duration(callTimeout) + "; nothing was changed.");
                version = String.valueOf(Maps.str(current, "metadata", "resourceVersion"));
            } catch (ApiException e) {
                version = "resource_not_found".equals(e.code()) ? "absent" : "unreadable:" + e.code();
            }
            versions.put(key, version);
        }
        return versions;
    }

    /** The preview the user approves, hashed; a restart's timestamp is not part of what was approved. */
    private static List<ResourceChanges.Conflict> takenOver(ChangeResult preview) {
        return preview.changes().stream().flatMap(c -> c.conflicts().stream()).toList();
    }

    static String previewHash(ChangeResult preview) {
        // The fields taken from other managers are part of what was approved.
        String text = preview.changes().stream()
                .map(c -> c.operation() + " " + c.kind() + " " + c.namespace() + "/" + c.name() + "\n"
                        + c.conflicts() + "\n"
                        + (c.diff() == null
                                ? ""
                                : c.diff()
                                        .lines()
                                        .filter(l -> !l.contains("kubectl.kubernetes.io/restartedAt"))
                                        .filter(l -> !l.startsWith("@@"))
                                        .collect(Collectors.joining("\n"))))
                .collect(Collectors.joining("\n"));
        return hash(text);
    }

    static String hash(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ToolOutcome notApproved(ConfirmationOutcome outcome, String tool, String target) {
        String text = switch (outcome) {
            case REJECTED ->
                "The user rejected this change (" + tool + " " + target + "); nothing was changed."
                        + " Ask what they would like instead, or go on without it.";
            case EXPIRED ->
                "The user did not approve " + tool + " " + target + " within the time allowed, so it was"
                        + " not made. Offer it again if it is still wanted.";
            default ->
                "The change (" + tool + " " + target + ") was withdrawn before the user decided (the turn was"
                        + " cancelled, or the server restarted); nothing was changed.";
        };
        return new ToolOutcome.NotApproved(
                outcome,
                text,
                switch (outcome) {
                    case REJECTED -> "rejected by the user";
                    case EXPIRED -> "not approved in time";
                    default -> "withdrawn before the user decided";
                });
    }

    private ToolOutcome changedSincePreview(
            Caller caller,
            String cluster,
            Binding binding,
            String verb,
            Map<String, String> before,
            Map<String, String> now) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("via", caller.via().value());
        details.put("confirmationId", binding.id());
        details.put("error", "changed since the preview the user approved; not written");
        details.put("resourceVersions", Map.of("preview", before, "now", now));
        audit.record(AuditEvent.of(caller.username(), "resource." + verb, binding.target(), AuditOutcome.FAILURE)
                .onCluster(cluster, binding.namespace())
                .withDetails(details));
        String text = binding.target() + " changed after the user saw the preview (resourceVersion "
                + before.values() + " then, " + now.values() + " now), so the approved change was NOT written."
                + " Call " + binding.tool() + " again to show the user a fresh preview.";
        return new ToolOutcome.Failure("changed_since_preview", text, "not written: it changed after the preview");
    }

    private void deniedAtPreview(
            Caller caller, String cluster, String tool, String verb, ToolArguments.Args args, ApiException e) {
        String target = tool.equals(ToolCatalog.APPLY_YAML)
                ? "yaml"
                : plural(caller, cluster, args.str("kind")) + "/" + args.str("name");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kind", args.str("kind") == null ? "yaml" : args.str("kind"));
        details.put("via", caller.via().value());
        details.put("reason", e.getMessage());
        details.put("stage", "preview");
        audit.record(AuditEvent.of(caller.username(), "resource." + verb, target, AuditOutcome.DENIED)
                .onCluster(cluster, args.str("namespace"))
                .withDetails(details));
    }

    /** The kind as the audit log names resources elsewhere ({@code deployments}), when discovery knows it. */
    private String plural(Caller caller, String cluster, String kind) {
        try {
            for (ResourceType t : reads.kinds(caller, cluster)) {
                if (t.kind().equalsIgnoreCase(kind) || t.plural().equalsIgnoreCase(kind)) return t.plural();
            }
        } catch (RuntimeException ignored) {
            // the refusal is what matters; the plural is cosmetic
        }
        return kind.toLowerCase();
    }

    private static ToolOutcome done(String tool, String cluster, ChangeResult result, ToolContext context) {
        StringBuilder body = new StringBuilder("The user approved it and it is done:\n");
        Budget budget = new Budget(context.settings().outputTokenBudget());
        for (Change c : result.changes()) {
            budget.force(
                    body,
                    c.operation() + " " + c.kind() + " " + (c.namespace() == null ? "" : c.namespace() + "/")
                            + c.name());
        }
        for (Change c : result.changes()) {
            if (c.diff() == null || c.diff().isBlank()) continue;
            for (String line : c.diff().lines().toList()) {
                if (!budget.add(body, line)) {
                    budget.force(body, "[rest of the diff cut to fit the budget]");
                    break;
                }
            }
        }
        return new ToolOutcome.Success(Untrusted.wrap(tool, cluster, body.toString()), "approved and done");
    }
}
