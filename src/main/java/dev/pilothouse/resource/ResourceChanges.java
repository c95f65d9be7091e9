package dev.pilothouse.resource;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.pilothouse.audit.AuditEvent;
import dev.pilothouse.audit.AuditLog;
import dev.pilothouse.audit.AuditOutcome;
import dev.pilothouse.cluster.ClusterManager;
import dev.pilothouse.platform.ApiException;
import dev.pilothouse.rbac.Verb;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
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
     */
    public record Change(
            String kind,
            String namespace,
            String name,
            String operation,
            Map<String, Object> before,
            Map<String, Object> after,
            String diff) {}

    public record ChangeResult(boolean dryRun, List<Change> changes) {}

    private final ClusterManager clusters;
    private final ResourceReads reads;
    private final SecretMasker secrets;
    private final AuditLog audit;

    ResourceChanges(ClusterManager clusters, ResourceReads reads, SecretMasker secrets, AuditLog audit) {
        this.clusters = clusters;
        this.reads = reads;
        this.secrets = secrets;
        this.audit = audit;
    }

    /** Server-side apply of one or more YAML documents, as field manager {@value #FIELD_MANAGER}. */
    public ChangeResult apply(Caller caller, String cluster, String yaml, String defaultNamespace, boolean dryRun) {
        clusters.get(cluster);
        KubernetesClient client = clusters.clientAs(cluster, caller.username());
        List<HasMetadata> objects;
        try {
            objects = client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
                    .items();
        } catch (RuntimeException e) {
            throw ApiException.badRequest(
                    "invalid_yaml", "The YAML could not be read as Kubernetes objects: " + firstLine(e));
        }
        if (objects == null || objects.isEmpty()) {
            throw ApiException.badRequest("invalid_yaml", "The YAML holds no Kubernetes object.");
        }
        // Every document is checked before any is applied, and before anything is read from the
        // cluster. Server-side apply needs patch, as in kube-apiserver, and create as well where the
        // object does not exist yet (checked again in change()).
        List<Target> targets = new ArrayList<>();
        for (HasMetadata object : objects) {
            Target target = target(caller, cluster, object, defaultNamespace);
            authorize(
                    caller,
                    cluster,
                    "resource.apply",
                    Verb.PATCH,
                    target.type(),
                    target.namespace(),
                    target.name(),
                    dryRun,
                    auditDetails(caller, target.type(), Map.of()));
            targets.add(target);
        }
        List<Change> changes = new ArrayList<>();
        for (Target target : targets) {
            changes.add(applyOne(caller, cluster, client, target, dryRun));
        }
        return new ChangeResult(dryRun, changes);
    }

    private record Target(HasMetadata object, ResourceType type, String namespace, String name) {}

    private Target target(Caller caller, String cluster, HasMetadata object, String defaultNamespace) {
        if (object.getMetadata() == null || object.getMetadata().getName() == null || object.getKind() == null) {
            throw ApiException.badRequest("invalid_yaml", "Every object needs apiVersion, kind and metadata.name.");
        }
        String apiVersion = object.getApiVersion() == null ? "v1" : object.getApiVersion();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        ResourceType type = reads.resolve(caller, cluster, object.getKind(), group);
        String namespace = !type.namespaced()
                ? null
                : firstNonBlank(object.getMetadata().getNamespace(), defaultNamespace, "default");
        return new Target(object, type, namespace, object.getMetadata().getName());
    }

    private Change applyOne(Caller caller, String cluster, KubernetesClient client, Target target, boolean dryRun) {
        ResourceType type = target.type();
        String namespace = target.namespace();
        String name = target.name();
        Map<String, Object> before = ClusterErrors.call(cluster, () -> current(client, type, namespace, name));
        Verb verb = before == null ? Verb.CREATE : Verb.PATCH;
        return change(caller, cluster, "resource.apply", verb, type, namespace, name, dryRun, Map.of(), () -> {
            GenericKubernetesResource generic =
                    client.getKubernetesSerialization().convertValue(target.object(), GenericKubernetesResource.class);
            generic.getMetadata().setNamespace(namespace);
            generic.getMetadata().setManagedFields(null);
            generic.getMetadata().setResourceVersion(null);
            var resources = client.genericKubernetesResources(type.context());
            var resource = namespace == null
                    ? resources.resource(generic)
                    : resources.inNamespace(namespace).resource(generic);
            GenericKubernetesResource result = dryRun
                    ? resource.dryRun()
                            .fieldManager(FIELD_MANAGER)
                            .forceConflicts()
                            .serverSideApply()
                    : resource.fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
            Map<String, Object> after = ObjectMaps.toMap(client, result);
            // "unchanged" only where the caller sees every value: otherwise a dry run would confirm
            // a guessed Secret value.
            boolean hidden = !Objects.equals(secrets.apply(caller, cluster, before), before);
            String operation =
                    before == null ? "created" : sameSpec(before, after) && !hidden ? "unchanged" : "configured";
            return preview(caller, cluster, type, namespace, name, operation, before, after);
        });
    }

    public ChangeResult delete(Caller caller, ObjectRef ref, boolean dryRun) {
        ResourceType type = reads.resolve(caller, ref.cluster(), ref.kind(), ref.group());
        String namespace = ResourceReads.namespaceFor(type, ref);
        KubernetesClient client = clusters.clientAs(ref.cluster(), caller.username());
        Change change = change(
                caller,
                ref.cluster(),
                "resource.delete",
                Verb.DELETE,
                type,
                namespace,
                ref.name(),
                dryRun,
                Map.of(),
                () -> {
                    Map<String, Object> before = existing(client, type, namespace, ref);
                    var resources = client.genericKubernetesResources(type.context());
                    var resource = namespace == null
                            ? resources.withName(ref.name())
                            : resources.inNamespace(namespace).withName(ref.name());
                    if (dryRun) {
                        resource.dryRun().delete();
                    } else {
                        resource.delete();
                    }
                    return preview(caller, ref.cluster(), type, namespace, ref.name(), "deleted", before, null);
                });
        return new ChangeResult(dryRun, List.of(change));
    }

    public ChangeResult scale(Caller caller, ObjectRef ref, int replicas, boolean dryRun) {
        ResourceType type = reads.resolve(caller, ref.cluster(), ref.kind(), ref.group());
        if (!SCALABLE.contains(type.kind()) || !type.group().equals("apps")) {
            throw ApiException.badRequest(
                    "not_scalable", type.kind() + " cannot be scaled; Deployments, StatefulSets and ReplicaSets can.");
        }
        if (replicas < 0 || replicas > 1000) {
            throw ApiException.badRequest(
                    "invalid_request", "replicas must be between 0 and 1000; it was " + replicas + ".");
        }
        String namespace = ResourceReads.namespaceFor(type, ref);
        KubernetesClient client = clusters.clientAs(ref.cluster(), caller.username());
        Map<String, Object> details = Map.of("replicas", replicas);
        Change change = change(
                caller,
                ref.cluster(),
                "resource.scale",
                Verb.SCALE,
                type,
                namespace,
                ref.name(),
                dryRun,
                details,
                () -> {
                    Map<String, Object> before = existing(client, type, namespace, ref);
                    Map<String, Object> after = copyWith(before, "spec", "replicas", replicas);
                    if (!dryRun) {
                        var apps = client.apps();
                        switch (type.kind()) {
                            case "Deployment" ->
                                apps.deployments()
                                        .inNamespace(namespace)
                                        .withName(ref.name())
                                        .scale(replicas);
                            case "StatefulSet" ->
                                apps.statefulSets()
                                        .inNamespace(namespace)
                                        .withName(ref.name())
                                        .scale(replicas);
                            default ->
                                apps.replicaSets()
                                        .inNamespace(namespace)
                                        .withName(ref.name())
                                        .scale(replicas);
                        }
                        after = existing(client, type, namespace, ref);
                    }
                    return preview(caller, ref.cluster(), type, namespace, ref.name(), "scaled", before, after);
                });
        return new ChangeResult(dryRun, List.of(change));
    }

    /** A rollout restart, as `kubectl rollout restart` does it: a new annotation on the pod template. */
    public ChangeResult restart(Caller caller, ObjectRef ref, boolean dryRun) {
        ResourceType type = reads.resolve(caller, ref.cluster(), ref.kind(), ref.group());
        if (!RESTARTABLE.contains(type.kind()) || !type.group().equals("apps")) {
            throw ApiException.badRequest(
                    "not_restartable",
                    type.kind() + " cannot be restarted; Deployments, StatefulSets and DaemonSets can.");
        }
        String namespace = ResourceReads.namespaceFor(type, ref);
        KubernetesClient client = clusters.clientAs(ref.cluster(), caller.username());
        Change change = change(
                caller,
                ref.cluster(),
                "resource.restart",
                Verb.RESTART,
                type,
                namespace,
                ref.name(),
                dryRun,
                Map.of(),
                () -> {
                    Map<String, Object> before = existing(client, type, namespace, ref);
                    Map<String, Object> after;
                    if (dryRun) {
                        after = withRestartAnnotation(before);
                    } else {
                        var apps = client.apps();
                        switch (type.kind()) {
                            case "Deployment" ->
                                apps.deployments()
                                        .inNamespace(namespace)
                                        .withName(ref.name())
                                        .rolling()
                                        .restart();
                            case "StatefulSet" ->
                                apps.statefulSets()
                                        .inNamespace(namespace)
                                        .withName(ref.name())
                                        .rolling()
                                        .restart();
                            default ->
                                apps.daemonSets()
                                        .inNamespace(namespace)
                                        .withName(ref.name())
                                        .edit(ds -> {
                                            var meta =
                                                    ds.getSpec().getTemplate().getMetadata();
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
                        after = existing(client, type, namespace, ref);
                    }
                    return preview(caller, ref.cluster(), type, namespace, ref.name(), "restarted", before, after);
                });
        return new ChangeResult(dryRun, List.of(change));
    }

    // ---------------------------------------------------------------- the one path every change takes

    private Change change(
            Caller caller,
            String cluster,
            String action,
            Verb verb,
            ResourceType type,
            String namespace,
            String name,
            boolean dryRun,
            Map<String, Object> details,
            Supplier<Change> work) {
        Map<String, Object> auditDetails = auditDetails(caller, type, details);
        String target = type.plural() + "/" + name;
        authorize(caller, cluster, action, verb, type, namespace, name, dryRun, auditDetails);
        try {
            Change change = ClusterErrors.call(cluster, work);
            if (!dryRun) {
                auditDetails.put("operation", change.operation());
                record(caller, action, target, cluster, namespace, AuditOutcome.SUCCESS, auditDetails);
            }
            return change;
        } catch (RuntimeException failed) {
            if (!dryRun) {
                auditDetails.put(
                        "error",
                        failed instanceof ApiException ? failed.getMessage() : "unexpected error (see the server log)");
                record(caller, action, target, cluster, namespace, AuditOutcome.FAILURE, auditDetails);
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
            Caller caller,
            String cluster,
            String action,
            Verb verb,
            ResourceType type,
            String namespace,
            String name,
            boolean dryRun,
            Map<String, Object> auditDetails) {
        try {
            reads.check(caller, verb, cluster, namespace, type);
        } catch (ApiException denied) {
            if (!dryRun) {
                auditDetails.put("reason", denied.getMessage());
                record(
                        caller,
                        action,
                        type.plural() + "/" + name,
                        cluster,
                        namespace,
                        AuditOutcome.DENIED,
                        auditDetails);
            }
            throw denied;
        }
    }

    private void record(
            Caller caller,
            String action,
            String target,
            String cluster,
            String namespace,
            AuditOutcome outcome,
            Map<String, Object> details) {
        audit.record(AuditEvent.of(caller.username(), action, target, outcome)
                .onCluster(cluster, namespace)
                .withDetails(details));
    }

    private Change preview(
            Caller caller,
            String cluster,
            ResourceType type,
            String namespace,
            String name,
            String operation,
            Map<String, Object> before,
            Map<String, Object> after) {
        Map<String, Object> shownBefore = ObjectMaps.forDiff(secrets.apply(caller, cluster, before));
        Map<String, Object> shownAfter = ObjectMaps.forDiff(secrets.apply(caller, cluster, after));
        return new Change(
                type.kind(),
                namespace,
                name,
                operation,
                shownBefore,
                shownAfter,
                diff(cluster, name, shownBefore, shownAfter));
    }

    private String diff(String cluster, String name, Map<String, Object> before, Map<String, Object> after) {
        var serialization = clusters.systemClient(cluster).getKubernetesSerialization();
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

    private Map<String, Object> existing(KubernetesClient client, ResourceType type, String namespace, ObjectRef ref) {
        Map<String, Object> object = current(client, type, namespace, ref.name());
        if (object == null) {
            throw ResourceReads.notFound(type, ref.cluster(), namespace, ref.name());
        }
        return object;
    }

    private static Map<String, Object> current(
            KubernetesClient client, ResourceType type, String namespace, String name) {
        try {
            var resources = client.genericKubernetesResources(type.context());
            GenericKubernetesResource object = namespace == null
                    ? resources.withName(name).get()
                    : resources.inNamespace(namespace).withName(name).get();
            return object == null ? null : ObjectMaps.toMap(client, object);
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

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) return v;
        }
        return null;
    }

    private static String firstLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
