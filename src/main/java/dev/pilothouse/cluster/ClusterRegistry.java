package dev.pilothouse.cluster;

import dev.pilothouse.audit.AuditEvent;
import dev.pilothouse.audit.AuditLog;
import dev.pilothouse.audit.AuditOutcome;
import dev.pilothouse.cluster.demo.DemoCluster;
import dev.pilothouse.platform.ApiException;
import io.fabric8.kubernetes.client.Config;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The known clusters: registering (by an administrator, from a kubeconfig found at start-up, or
 * the demo), changing and removing them, each validated and audited. What a registration means
 * for clients and health is {@link ClusterManager}'s to follow up.
 */
@Component
class ClusterRegistry {

    private static final Logger log = LoggerFactory.getLogger(ClusterRegistry.class);
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private final ClusterRepository clusters;
    private final ClusterSecrets secrets;
    private final AuditLog audit;
    private final ClusterProperties properties;
    private final ImpersonationProbe impersonation;

    ClusterRegistry(
            ClusterRepository clusters,
            ClusterSecrets secrets,
            AuditLog audit,
            ClusterProperties properties,
            ImpersonationProbe impersonation) {
        this.clusters = clusters;
        this.secrets = secrets;
        this.audit = audit;
        this.properties = properties;
        this.impersonation = impersonation;
    }

    List<ClusterRepository.Row> rows() {
        return clusters.findAll();
    }

    /** @throws ApiException 404 {@code cluster_not_found} */
    ClusterRepository.Row row(String name) {
        return clusters.find(name)
                .orElseThrow(
                        () -> ApiException.notFound("cluster_not_found", "There is no cluster named '" + name + "'."));
    }

    boolean exists(String name) {
        return clusters.find(name).isPresent();
    }

    /** @return the registered cluster's name, as stored */
    String register(String actor, ClusterManager.Registration registration) {
        String name = registration.name() == null ? "" : registration.name().strip();
        if (!NAME.matcher(name).matches()) {
            throw ApiException.badRequest(
                    "invalid_cluster_name",
                    "A cluster name is 1 to 63 lowercase letters, digits or '-', starting and ending with a letter"
                            + " or digit; '" + name + "' is not.");
        }
        ClusterRepository.Row row;
        ImpersonationProbe.Result probed = null;
        if (registration.inCluster()) {
            if (!properties.inCluster().available()) {
                throw ApiException.badRequest(
                        "not_in_cluster",
                        "Pilothouse is not running inside a Kubernetes pod, so there is no ServiceAccount to use;"
                                + " register the cluster with a kubeconfig instead.");
            }
            if (registration.impersonate() == null) {
                probed = impersonation.probe(properties.inCluster().clientConfig());
            }
            boolean impersonate = probed != null ? probed.allowed() : registration.impersonate();
            row = newRow(name, registration.displayName(), ClusterSource.IN_CLUSTER, null, null, impersonate);
        } else {
            Kubeconfig kubeconfig = Kubeconfig.parse(registration.kubeconfig());
            kubeconfig.requireSelfContained(); // before anything hands the file to fabric8
            String context = kubeconfig.chooseContext(registration.context());
            Config config = kubeconfig.clientConfig(context);
            if (registration.impersonate() == null) {
                probed = impersonation.probe(config);
            }
            boolean impersonate = probed != null ? probed.allowed() : registration.impersonate();
            row = newRow(
                    name,
                    registration.displayName(),
                    ClusterSource.KUBECONFIG,
                    secrets.seal(name, kubeconfig.yaml()),
                    context,
                    impersonate);
        }
        insert(actor, row, probed);
        return name;
    }

    /** Registers the simulated demo cluster (idempotent). */
    void registerDemo() {
        var row = newRow(DemoCluster.NAME, ClusterInfo.DEMO_LABEL, ClusterSource.DEMO, null, null, false);
        if (clusters.insert(row)) {
            audit.record(AuditEvent.of("system", "cluster.register", row.name(), AuditOutcome.SUCCESS)
                    .onCluster(row.name(), null)
                    .withDetails(Map.of("source", "demo")));
        }
    }

    /** Registers one context of a kubeconfig file found at start-up; a bad one is logged and skipped. */
    void importContext(String name, String kubeconfigYaml, String context) {
        try {
            Kubeconfig kubeconfig = Kubeconfig.parse(kubeconfigYaml);
            kubeconfig.clientConfig(context);
            var row =
                    newRow(name, context, ClusterSource.KUBECONFIG, secrets.seal(name, kubeconfigYaml), context, false);
            if (clusters.insert(row)) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("source", "kubeconfig");
                details.put("context", context);
                details.put("imported", true);
                List<String> warnings = ClusterInfo.warningsFor(kubeconfig.server(context));
                if (!warnings.isEmpty()) {
                    details.put("warnings", warnings);
                    log.warn("Cluster '{}': {}", name, warnings.getFirst());
                }
                audit.record(AuditEvent.of("system", "cluster.register", name, AuditOutcome.SUCCESS)
                        .onCluster(name, null)
                        .withDetails(details));
            }
        } catch (ApiException e) {
            log.warn("Skipped kubeconfig context '{}': {}", context, e.getMessage());
        }
    }

    /** @return whether anything changed (and was stored and audited) */
    boolean update(String actor, String name, ClusterManager.Change change) {
        ClusterRepository.Row row = row(name);
        Map<String, Object> changed = new LinkedHashMap<>();
        String kubeconfigEncrypted = row.kubeconfigEncrypted();
        String context = row.context();
        if (change.kubeconfig() != null || change.context() != null) {
            if (row.source() != ClusterSource.KUBECONFIG) {
                throw ApiException.badRequest(
                        "invalid_request",
                        "Cluster '" + name + "' does not use a kubeconfig, so it has none to change.");
            }
            Kubeconfig kubeconfig =
                    Kubeconfig.parse(change.kubeconfig() != null ? change.kubeconfig() : secrets.kubeconfigOf(row));
            // The stored file too: a context switch must not reach an entry that runs a program.
            kubeconfig.requireSelfContained();
            context = kubeconfig.chooseContext(change.context() != null ? change.context() : row.context());
            kubeconfig.clientConfig(context);
            kubeconfigEncrypted = secrets.seal(name, kubeconfig.yaml());
            if (change.kubeconfig() != null) changed.put("kubeconfig", "replaced");
            List<String> warnings = ClusterInfo.warningsFor(kubeconfig.server(context));
            if (!warnings.isEmpty()) changed.put("warnings", warnings);
            if (!context.equals(row.context())) changed.put("context", context);
        }
        // An empty display name falls back to the cluster's name, as at registration.
        String displayName = change.displayName() == null
                ? row.displayName()
                : change.displayName().isBlank() ? name : change.displayName().strip();
        if (!displayName.equals(row.displayName())) changed.put("displayName", displayName);
        boolean impersonate = change.impersonate() != null ? change.impersonate() : row.impersonate();
        if (impersonate != row.impersonate()) changed.put("impersonate", impersonate);
        if (changed.isEmpty()) {
            return false;
        }
        clusters.update(new ClusterRepository.Row(
                row.id(),
                name,
                displayName,
                row.source(),
                kubeconfigEncrypted,
                context,
                impersonate,
                row.createdAt(),
                row.updatedAt()));
        audit.record(AuditEvent.of(actor, "cluster.update", name, AuditOutcome.SUCCESS)
                .onCluster(name, null)
                .withDetails(changed));
        return true;
    }

    /** @throws ApiException 404 {@code cluster_not_found} */
    void remove(String actor, String name) {
        row(name);
        clusters.delete(name);
        audit.record(AuditEvent.of(actor, "cluster.remove", name, AuditOutcome.SUCCESS)
                .onCluster(name, null));
    }

    private ClusterRepository.Row newRow(
            String name,
            String displayName,
            ClusterSource source,
            String kubeconfig,
            String context,
            boolean impersonate) {
        String shown = displayName == null || displayName.isBlank() ? name : displayName.strip();
        return new ClusterRepository.Row(
                UUID.randomUUID(), name, shown, source, kubeconfig, context, impersonate, Instant.now(), Instant.now());
    }

    private void insert(String actor, ClusterRepository.Row row, ImpersonationProbe.Result probed) {
        if (!clusters.insert(row)) {
            throw ApiException.conflict(
                    "cluster_exists", "A cluster named '" + row.name() + "' is already registered.");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("source", row.source().value());
        if (row.context() != null) details.put("context", row.context());
        details.put("impersonate", row.impersonate());
        details.put(
                "impersonateDecision",
                probed == null ? "set by the administrator" : "asked the cluster: " + probed.reason());
        List<String> warnings = ClusterInfo.warningsFor(secrets.serverOf(row));
        if (!warnings.isEmpty()) details.put("warnings", warnings);
        audit.record(AuditEvent.of(actor, "cluster.register", row.name(), AuditOutcome.SUCCESS)
                .onCluster(row.name(), null)
                .withDetails(details));
    }
}
