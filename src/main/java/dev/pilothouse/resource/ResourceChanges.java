package dev.pilothouse.resource;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.pilothouse.audit.AuditEvent;
import dev.pilothouse.audit.AuditLog;
import dev.pilothouse.audit.AuditOutcome;
import dev.pilothouse.platform.ApiException;
import dev.pilothouse.rbac.Verb;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Changes to cluster objects: apply (server-side), delete, scale, restart. Each can be a dry run,
 * which returns the same preview (before, after, unified diff) without changing anything. Every
 * real change, allowed or denied or failed, is written to the audit log with who, where, what
 * and through which channel (dashboard or assistant).
 */
@Service
public class ResourceChanges {

    static final String FIELD_MANAGER = "pilothouse";
    private static final Set<String> SCALABLE = Set.of("Deployment", "StatefulSet", "ReplicaSet");
    private static final Set<String> RESTARTABLE = Set.of("Deployment", "StatefulSet", "DaemonSet");

    /**
     * One object's change.
     *
     * @param operation created, configured, unchanged, deleted, scaled or restarted
     * @param diff unified diff of the object's YAML, before → after (Secret values masked)
     * @param conflicts fields of this object that other field managers own and this apply takes
     *     over (an HPA's {@code spec.replicas}, a GitOps controller's fields); empty for other changes
     */
    public record Change(
            String kind,
            String namespace,
            String name,
            String operation,
            Map<String, Object> before,
            Map<String, Object> after,
            String diff,
            List<Conflict> conflicts) {

        public Change {
            conflicts = conflicts == null ? List.of() : List.copyOf(conflicts);
        }
    }

    /**
     * A field owned by another field manager, as the API server names it in a 409 of a
     * server-side apply without force.
     *
     * @param field e.g. {@code spec.replicas}
     */
    public record Conflict(String manager, String field) {}

    public record ChangeResult(boolean dryRun, List<Change> changes) {}

    /** More documents than this in one apply are refused: one request, one reviewable change. */
    static final int MAX_DOCUMENTS = 100;
    /** An apply stops between documents once this much time has passed. */
    static final Duration MAX_APPLY_TIME = Duration.ofSeconds(60);

    private final ResourceAccess access;
    private final SecretMasker secrets;
    private final WorkloadPolicy policy;
    private final AuditLog audit;

    ResourceChanges(ResourceAccess access, SecretMasker secrets, WorkloadPolicy policy, AuditLog audit) {
        this.access = access;
        this.secrets = secrets;
        this.policy = policy;
        this.audit = audit;
    }

    /** {@link #apply(Caller, String, String, String, boolean, List)} taking over no other manager's fields. */
    public ChangeResult apply(Caller caller, String cluster, String yaml, String defaultNamespace, boolean dryRun) {
        return apply(caller, cluster, yaml, defaultNamespace, dryRun, List.of());
    }

    /**
     * Server-side apply of one or more YAML documents, as field manager {@value #FIELD_MANAGER}.
     * Each object is applied without force first. When other managers own some of its fields, a
     * dry run names them in {@link Change#conflicts()} and shows the diff as if forced; a real
     * apply forces only when every such field is in {@code takeOver} (what the preview showed),
     * and is otherwise refused with 409 {@code apply_conflict}, nothing of that object changed.
     */
    public ChangeResult apply(
            Caller caller,
            String cluster,
            String yaml,
            String defaultNamespace,
            boolean dryRun,
            List<Conflict> takeOver) {
        List<Conflict> accepted = takeOver == null ? List.of() : takeOver;
        ResourceAccess.Call call = access.open(caller, cluster);
        List<Target> targets = refusedAsAudited(call, "resource.apply", dryRun, () -> {
            String fallback = KubeNames.namespace("namespace", defaultNamespace);
            List<HasMetadata> objects = ApplyDocuments.read(call.client(), yaml, MAX_DOCUMENTS);
            // Every document is validated and checked before any is applied, and before anything
            // is read from the cluster. Server-side apply needs patch, as in kube-apiserver, and
            // create as well where the object does not exist yet (checked again in change()).
            List<Target> all = new ArrayList<>();
            for (int i = 0; i < objects.size(); i++) {
                all.add(target(call, objects.get(i), i + 1, objects.size(), fallback));
            }
            return all;
        });
        for (Target target : targets) {
            authorize(
                    call,
                    "resource.apply",
                    Verb.PATCH,
                    target.type(),
                    target.namespace(),
                    target.name(),
                    dryRun,
                    auditDetails(caller, target.type(), Map.of()));
        }
        long deadline = System.nanoTime() + MAX_APPLY_TIME.toNanos();
        List<Change> changes = new ArrayList<>();
        for (Target target : targets) {
            if (System.nanoTime() > deadline) {
                throw new ApiException(
                        HttpStatus.GATEWAY_TIMEOUT,
                        "apply_timeout",
                        "The apply took longer than " + MAX_APPLY_TIME.toSeconds() + " s: " + changes.size() + " of "
                                + targets.size() + " documents were applied (see the audit log), the rest were not.");
            }
            changes.add(applyOne(call, target, dryRun, accepted));
        }
        return new ChangeResult(dryRun, changes);
    }

    private record Target(HasMetadata object, ResourceType type, String namespace, String name) {}

    private Target target(ResourceAccess.Call call, HasMetadata object, int index, int count, String fallback) {
        String where = count == 1 ? "" : " (document " + index + ")";
        if (object.getKind() == null || object.getKind().isBlank()) {
            throw ApiException.badRequest("invalid_yaml", "Every object needs a kind" + where + ".");
        }
        if (object.getMetadata() == null || object.getMetadata().getName() == null) {
            throw new ApiException.InvalidField(
                    "invalid_yaml", "metadata.name", "Every object needs metadata.name" + where + ".");
        }
        String name = object.getMetadata().getName();
        String ownNamespace = KubeNames.namespace(
                "metadata.namespace" + where, object.getMetadata().getNamespace());
        KubeNames.anyName("metadata.name" + where, name);
        String apiVersion = object.getApiVersion() == null ? "v1" : object.getApiVersion();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        ResourceType type = call.kind(object.getKind(), group);
        KubeNames.nameOf(type, "metadata.name" + where, name);
        String namespace = !type.namespaced() ? null : firstNonNull(ownNamespace, fallback, "default");
        return new Target(object, type, namespace, name);
    }

    private Change applyOne(ResourceAccess.Call call, Target target, boolean dryRun, List<Conflict> accepted) {
        ResourceType type = target.type();
        String namespace = target.namespace();
        String name = target.name();
        KubernetesClient client = call.client();
        // The pre-read decides between create and patch; its failure is a failed apply, on the record.
        Map<String, Object> before = refusedAsAudited(
                call,
                "resource.apply",
                dryRun,
                () -> ClusterErrors.call(call.name(), () -> current(call, type, namespace, name)));
        Verb verb = before == null ? Verb.CREATE : Verb.PATCH;
        return change(call, "resource.apply", verb, type, namespace, name, dryRun, Map.of(), () -> {
            GenericKubernetesResource generic =
                    client.getKubernetesSerialization().convertValue(target.object(), GenericKubernetesResource.class);
            generic.getMetadata().setNamespace(namespace);
            generic.getMetadata().setManagedFields(null);
            generic.getMetadata().setResourceVersion(null);
            var resources = client.genericKubernetesResources(type.context());
            var resource = namespace == null
                    ? resources.resource(generic)
                    : resources.inNamespace(namespace).resource(generic);
            Map<String, Object> after = null;
            List<Conflict> conflicts = List.of();
            boolean policed = policy.governs(type) && !policy.exempt(call, namespace);
            if (policed || dryRun) {
                // Checked on the pod spec as it will be once merged with what is there: a change
                // of image alone can make a Secret that someone else mounted readable.
                try {
                    after = ObjectMaps.toMap(
                            client,
                            resource.dryRun().fieldManager(FIELD_MANAGER).serverSideApply());
                } catch (KubernetesClientException e) {
                    conflicts = conflictsOf(e);
                    if (conflicts.isEmpty()) throw e;
                    after = ObjectMaps.toMap(
                            client,
                            resource.dryRun()
                                    .fieldManager(FIELD_MANAGER)
                                    .forceConflicts()
                                    .serverSideApply());
                }
                after = call.expect(type, after);
                if (policed) policy.check(type, after);
            }
            if (!dryRun) {
                try {
                    after = ObjectMaps.toMap(
                            client, resource.fieldManager(FIELD_MANAGER).serverSideApply());
                    conflicts = List.of();
                } catch (KubernetesClientException e) {
                    conflicts = conflictsOf(e);
                    if (conflicts.isEmpty()) throw e;
                    List<Conflict> unseen = conflicts.stream()
                            .filter(c -> !accepted.contains(c))
                            .toList();
                    if (!unseen.isEmpty()) {
                        throw ApiException.conflict(
                                "apply_conflict",
                                "Nothing was changed on " + type.kind() + " " + name + ": the apply would take over "
                                        + describe(unseen) + ", which the preview did not show. Preview the change"
                                        + " again and apply what it shows, or leave those fields out of the YAML.");
                    }
                    after = ObjectMaps.toMap(
                            client,
                            resource.fieldManager(FIELD_MANAGER)
                                    .forceConflicts()
                                    .serverSideApply());
                }
                after = call.expect(type, after);
            }
            // "unchanged" only where the caller sees every value: otherwise a dry run would confirm
            // a guessed Secret value.
            boolean hidden = !Objects.equals(secrets.apply(call.caller(), call.name(), type, before), before);
            String operation =
                    before == null ? "created" : sameSpec(before, after) && !hidden ? "unchanged" : "configured";
            return preview(call, type, namespace, name, operation, before, after, conflicts);
        });
    }

    /**
     * The conflicts of a server-side apply refused because other managers own fields: a 409 whose
     * causes are {@code FieldManagerConflict}s, each {@code conflict with "manager" using apps/v1}
     * for field {@code .spec.replicas}. Any other failure: none.
     */
    static List<Conflict> conflictsOf(KubernetesClientException e) {
        if (e.getCode() != 409
                || e.getStatus() == null
                || e.getStatus().getDetails() == null
                || e.getStatus().getDetails().getCauses() == null) return List.of();
        List<Conflict> conflicts = new ArrayList<>();
        for (var cause : e.getStatus().getDetails().getCauses()) {
            if (!"FieldManagerConflict".equals(cause.getReason())) continue;
            var manager = MANAGER.matcher(cause.getMessage() == null ? "" : cause.getMessage());
            String field = cause.getField() == null ? "" : cause.getField();
            conflicts.add(new Conflict(
                    manager.find() ? manager.group(1) : "another manager",
                    field.startsWith(".") ? field.substring(1) : field));
        }
        return conflicts;
    }

    private static final Pattern MANAGER = Pattern.compile("conflict with \"([^\"]*)\"");

    private static String describe(List<Conflict> conflicts) {
        return String.join(
                ", ",
                conflicts.stream()
                        .map(c -> c.field() + " from manager '" + c.manager() + "'")
                        .toList());
    }

    public ChangeResult delete(Caller caller, ObjectRef ref, boolean dryRun) {
        ResourceAccess.Call call = access.open(caller, ref.cluster());
        ResourceAccess.Target t = refusedAsAudited(call, "resource.delete", dryRun, () -> call.object(ref, null));
        ResourceType type = t.type();
        String namespace = t.namespace();
        KubernetesClient client = call.client();
        Change change =
                change(call, "resource.delete", Verb.DELETE, type, namespace, t.name(), dryRun, Map.of(), () -> {
                    Map<String, Object> before = existing(call, t);
                    var resources = client.genericKubernetesResources(type.context());
                    var resource = namespace == null
                            ? resources.withName(t.name())
                            : resources.inNamespace(namespace).withName(t.name());
                    if (dryRun) {
                        resource.dryRun().delete();
                    } else {
                        resource.delete();
                    }
                    return preview(call, type, namespace, t.name(), "deleted", before, null);
                });
        return new ChangeResult(dryRun, List.of(change));
    }

    public ChangeResult scale(Caller caller, ObjectRef ref, int replicas, boolean dryRun) {
        ResourceAccess.Call call = access.open(caller, ref.cluster());
        ResourceAccess.Target t = refusedAsAudited(call, "resource.scale", dryRun, () -> {
            ResourceAccess.Target resolved = call.object(ref, null);
            ResourceType type = resolved.type();
            if (!SCALABLE.contains(type.kind()) || !type.group().equals("apps")) {
                throw ApiException.badRequest(
                        "not_scalable",
                        type.kind() + " cannot be scaled; Deployments, StatefulSets and ReplicaSets can.");
            }
            if (replicas < 0 || replicas > 1000) {
                throw new ApiException.InvalidField(
                        "invalid_request", "replicas", "replicas must be between 0 and 1000; it was " + replicas + ".");
            }
            return resolved;
        });
        ResourceType type = t.type();
        String namespace = t.namespace();
        String name = t.name();
        KubernetesClient client = call.client();
        Map<String, Object> details = Map.of("replicas", replicas);
        Change change = change(call, "resource.scale", Verb.SCALE, type, namespace, name, dryRun, details, () -> {
            Map<String, Object> before = existing(call, t);
            Map<String, Object> after = copyWith(before, "spec", "replicas", replicas);
            if (!dryRun) {
                var apps = client.apps();
                switch (type.kind()) {
                    case "Deployment" ->
                        apps.deployments().inNamespace(namespace).withName(name).scale(replicas);
                    case "StatefulSet" ->
                        apps.statefulSets()
                                .inNamespace(namespace)
                                .withName(name)
                                .scale(replicas);
                    default ->
                        apps.replicaSets().inNamespace(namespace).withName(name).scale(replicas);
                }
                after = existing(call, t);
            }
            return preview(call, type, namespace, name, "scaled", before, after);
        });
        return new ChangeResult(dryRun, List.of(change));
    }

    /** A rollout restart, as `kubectl rollout restart` does it: a new annotation on the pod template. */
    public ChangeResult restart(Caller caller, ObjectRef ref, boolean dryRun) {
        ResourceAccess.Call call = access.open(caller, ref.cluster());
        ResourceAccess.Target t = refusedAsAudited(call, "resource.restart", dryRun, () -> {
            ResourceAccess.Target resolved = call.object(ref, null);
            if (!RESTARTABLE.contains(resolved.type().kind())
                    || !resolved.type().group().equals("apps")) {
                throw ApiException.badRequest(
                        "not_restartable",
                        resolved.type().kind() + " cannot be restarted; Deployments, StatefulSets and DaemonSets can.");
            }
            return resolved;
        });
        ResourceType type = t.type();
        String namespace = t.namespace();
        String name = t.name();
        KubernetesClient client = call.client();
        Change change = change(call, "resource.restart", Verb.RESTART, type, namespace, name, dryRun, Map.of(), () -> {
            Map<String, Object> before = existing(call, t);
            Map<String, Object> after;
            if (dryRun) {
                after = withRestartAnnotation(before);
            } else {
                var apps = client.apps();
                switch (type.kind()) {
                    case "Deployment" ->
                        apps.deployments()
                                .inNamespace(namespace)
                                .withName(name)
                                .rolling()
                                .restart();
                    case "StatefulSet" ->
                        apps.statefulSets()
                                .inNamespace(namespace)
                                .withName(name)
                                .rolling()
                                .restart();
                    default ->
                        apps.daemonSets().inNamespace(namespace).withName(name).edit(ds -> {
                            var meta = ds.getSpec().getTemplate().getMetadata();
                            var annotations = new LinkedHashMap<String, String>(
                                    meta.getAnnotations() == null ? Map.of() : meta.getAnnotations());
                            annotations.put(
                                    "kubectl.kubernetes.io/restartedAt",
                                    Instant.now()
                                            .truncatedTo(ChronoUnit.SECONDS)
                                            .toString());
                            meta.setAnnotations(annotations);
                            return ds;
                        });
                }
                after = existing(call, t);
            }
            return preview(call, type, namespace, name, "restarted", before, after);
        });
        return new ChangeResult(dryRun, List.of(change));
    }

    // ---------------------------------------------------------------- the one path every change takes

    /**
     * Validation and resolution of a change's target. A real change refused here (a bad name, an
     * unknown kind, no role on the cluster) is audited as a failure or a denial like any other.
     */
    private <T> T refusedAsAudited(ResourceAccess.Call call, String action, boolean dryRun, Supplier<T> resolve) {
        try {
            return resolve.get();
        } catch (ApiException refused) {
            if (!dryRun) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("via", call.caller().via().value());
                details.put(refused.status() == HttpStatus.FORBIDDEN ? "reason" : "error", refused.getMessage());
                audit.record(AuditEvent.of(call.caller().username(), action, "", outcomeOf(refused))
                        .onCluster(call.name(), null)
                        .withDetails(details));
                refused.markAudited();
            }
            throw refused;
        }
    }

    private static AuditOutcome outcomeOf(RuntimeException e) {
        return e instanceof ApiException api && api.status() == HttpStatus.FORBIDDEN
                ? AuditOutcome.DENIED
                : AuditOutcome.FAILURE;
    }

    /**
     * Checks, then records the intent (for a real change) BEFORE the cluster is called: should the
     * audit log be unwritable, the change is not made. The row then gets the outcome.
     */
    private Change change(
            ResourceAccess.Call call,
            String action,
            Verb verb,
            ResourceType type,
            String namespace,
            String name,
            boolean dryRun,
            Map<String, Object> details,
            Supplier<Change> work) {
        Caller caller = call.caller();
        Map<String, Object> auditDetails = auditDetails(caller, type, details);
        String target = type.plural() + "/" + name;
        authorize(call, action, verb, type, namespace, name, dryRun, auditDetails);
        Long intent = null;
        if (!dryRun) {
            try {
                intent = audit.begin(AuditEvent.of(caller.username(), action, target, AuditOutcome.FAILURE)
                        .onCluster(call.name(), namespace)
                        .withDetails(auditDetails));
            } catch (DataAccessException e) {
                // Fail closed: a change that cannot be recorded is not made.
                throw new ApiException(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "audit_unavailable",
                        "Nothing was changed: the audit log could not be written, and changes are made only on the"
                                + " record. Try again in a moment.",
                        e);
            }
        }
        try {
            Change change = ClusterErrors.call(call.name(), work);
            if (intent != null) {
                auditDetails.put("operation", change.operation());
                audit.complete(intent, AuditOutcome.SUCCESS, auditDetails);
            }
            return change;
        } catch (RuntimeException failed) {
            if (intent != null) {
                auditDetails.put(
                        failed instanceof ApiException api && api.status() == HttpStatus.FORBIDDEN ? "reason" : "error",
                        failed instanceof ApiException ? failed.getMessage() : "unexpected error (see the server log)");
                audit.complete(intent, outcomeOf(failed), auditDetails);
                if (failed instanceof ApiException api) api.markAudited();
            }
            throw failed;
        }
    }

    private static Map<String, Object> auditDetails(Caller caller, ResourceType type, Map<String, Object> details) {
        Map<String, Object> auditDetails = new LinkedHashMap<>(details);
        auditDetails.put("kind", type.kind());
        auditDetails.put("via", caller.via().value());
        return auditDetails;
    }

    /** The RBAC check of a change; a refusal of a real (not dry-run) change is audited as denied. */
    private void authorize(
            ResourceAccess.Call call,
            String action,
            Verb verb,
            ResourceType type,
            String namespace,
            String name,
            boolean dryRun,
            Map<String, Object> auditDetails) {
        try {
            call.check(verb, namespace, type);
        } catch (ApiException denied) {
            if (!dryRun) {
                Map<String, Object> details = new LinkedHashMap<>(auditDetails);
                details.put("reason", denied.getMessage());
                audit.record(
                        AuditEvent.of(call.caller().username(), action, type.plural() + "/" + name, AuditOutcome.DENIED)
                                .onCluster(call.name(), namespace)
                                .withDetails(details));
                denied.markAudited();
            }
            throw denied;
        }
    }

    private Change preview(
            ResourceAccess.Call call,
            ResourceType type,
            String namespace,
            String name,
            String operation,
            Map<String, Object> before,
            Map<String, Object> after) {
        return preview(call, type, namespace, name, operation, before, after, List.of());
    }

    private Change preview(
            ResourceAccess.Call call,
            ResourceType type,
            String namespace,
            String name,
            String operation,
            Map<String, Object> before,
            Map<String, Object> after,
            List<Conflict> conflicts) {
        Map<String, Object> shownBefore = ObjectMaps.forDiff(secrets.apply(call.caller(), call.name(), type, before));
        Map<String, Object> shownAfter = ObjectMaps.forDiff(secrets.apply(call.caller(), call.name(), type, after));
        return new Change(
                type.kind(),
                namespace,
                name,
                operation,
                shownBefore,
                shownAfter,
                diff(call, name, shownBefore, shownAfter),
                conflicts);
    }

    private String diff(ResourceAccess.Call call, String name, Map<String, Object> before, Map<String, Object> after) {
        var serialization = call.system().getKubernetesSerialization();
        List<String> from = before == null
                ? List.of()
                : serialization.asYaml(before).lines().toList();
        List<String> to =
                after == null ? List.of() : serialization.asYaml(after).lines().toList();
        var patch = DiffUtils.diff(from, to);
        return String.join(
                "\n",
                UnifiedDiffUtils.generateUnifiedDiff(
                        before == null ? "/dev/null" : name + " (current)",
                        after == null ? "/dev/null" : name + " (after)",
                        from,
                        patch,
                        3));
    }

    private Map<String, Object> existing(ResourceAccess.Call call, ResourceAccess.Target t) {
        Map<String, Object> object = current(call, t.type(), t.namespace(), t.name());
        if (object == null) {
            throw call.notFound(t.type(), t.namespace(), t.name());
        }
        return object;
    }

    private static Map<String, Object> current(
            ResourceAccess.Call call, ResourceType type, String namespace, String name) {
        KubernetesClient client = call.client();
        try {
            var resources = client.genericKubernetesResources(type.context());
            GenericKubernetesResource object = namespace == null
                    ? resources.withName(name).get()
                    : resources.inNamespace(namespace).withName(name).get();
            return object == null ? null : call.expect(type, ObjectMaps.toMap(client, object));
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) return null;
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copyWith(Map<String, Object> object, String section, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(object);
        Map<String, Object> inner = new LinkedHashMap<>((Map<String, Object>) copy.getOrDefault(section, Map.of()));
        inner.put(key, value);
        copy.put(section, inner);
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withRestartAnnotation(Map<String, Object> object) {
        Map<String, Object> spec = new LinkedHashMap<>((Map<String, Object>) object.getOrDefault("spec", Map.of()));
        Map<String, Object> template =
                new LinkedHashMap<>((Map<String, Object>) spec.getOrDefault("template", Map.of()));
        Map<String, Object> metadata =
                new LinkedHashMap<>((Map<String, Object>) template.getOrDefault("metadata", Map.of()));
        Map<String, Object> annotations =
                new LinkedHashMap<>((Map<String, Object>) metadata.getOrDefault("annotations", Map.of()));
        annotations.put(
                "kubectl.kubernetes.io/restartedAt",
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        metadata.put("annotations", annotations);
        template.put("metadata", metadata);
        spec.put("template", template);
        Map<String, Object> copy = new LinkedHashMap<>(object);
        copy.put("spec", spec);
        return copy;
    }

    private static boolean sameSpec(Map<String, Object> before, Map<String, Object> after) {
        return ObjectMaps.forDiff(before).equals(ObjectMaps.forDiff(after));
    }

    private static String firstNonNull(String... values) {
        for (String v : values) {
            if (v != null) return v;
        }
        return null;
    }
}
