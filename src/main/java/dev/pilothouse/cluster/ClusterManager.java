package dev.pilothouse.cluster;

import dev.pilothouse.audit.AuditEvent;
import dev.pilothouse.audit.AuditLog;
import dev.pilothouse.audit.AuditOutcome;
import dev.pilothouse.cluster.demo.DemoCluster;
import dev.pilothouse.platform.ApiException;
import dev.pilothouse.platform.SecretCipher;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The registry of clusters and their clients. One fabric8 client per cluster, created on first
 * use, rebuilt when the cluster's registration changes (on any replica: the row's update time is
 * compared) and closed when it is removed. Clients have bounded connect and request timeouts and
 * no hidden retries, so one unreachable cluster costs its own callers a timeout and nobody else.
 */
@Service
public class ClusterManager {

    private static final Logger log = LoggerFactory.getLogger(ClusterManager.class);
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    /** Sent with every impersonated request so cluster RBAC can grant to all dashboard users at once. */
    public static final String IMPERSONATED_GROUP = "pilothouse:users";

    private final ClusterRepository clusters;
    private final SecretCipher cipher;
    private final AuditLog audit;
    private final ClusterProperties properties;
    private final DemoCluster demo;
    private final ImpersonationProbe impersonation;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final Map<String, ClusterHealth> health = new ConcurrentHashMap<>();

    private record Connection(Instant version, KubernetesClient client) {}

    /**
     * What an administrator submits to add a cluster.
     *
     * @param impersonate null: on when the cluster says the identity may impersonate ({@link ImpersonationProbe})
     */
    public record Registration(
            String name,
            String displayName,
            String kubeconfig,
            String context,
            boolean inCluster,
            Boolean impersonate) {}

    /** A change to a registered cluster; null fields stay as they are. */
    public record Change(String displayName, String kubeconfig, String context, Boolean impersonate) {}

    ClusterManager(
            ClusterRepository clusters,
            SecretCipher cipher,
            AuditLog audit,
            ClusterProperties properties,
            DemoCluster demo,
            ImpersonationProbe impersonation) {
        this.impersonation = impersonation;
        this.clusters = clusters;
        this.cipher = cipher;
        this.audit = audit;
        this.properties = properties;
        this.demo = demo;
    }

    public List<ClusterInfo> list() {
        return clusters.findAll().stream().map(this::info).toList();
    }

    public ClusterInfo get(String name) {
        return info(row(name));
    }

    /** The contexts of a kubeconfig, for choosing one before registering. */
    List<Kubeconfig.Context> contexts(String kubeconfigYaml) {
        return Kubeconfig.parse(kubeconfigYaml).contexts();
    }

    public ClusterInfo register(String actor, Registration registration) {
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
                    cipher.encrypt(kubeconfig.yaml(), kubeconfigPlace(name)),
                    context,
                    impersonate);
        }
        insert(actor, row, probed);
        return get(name);
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
            var row = newRow(
                    name,
                    context,
                    ClusterSource.KUBECONFIG,
                    cipher.encrypt(kubeconfigYaml, kubeconfigPlace(name)),
                    context,
                    false);
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

    public ClusterInfo update(String actor, String name, Change change) {
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
                    Kubeconfig.parse(change.kubeconfig() != null ? change.kubeconfig() : kubeconfigOf(row));
            // The stored file too: a context switch must not reach an entry that runs a program.
            kubeconfig.requireSelfContained();
            context = kubeconfig.chooseContext(change.context() != null ? change.context() : row.context());
            kubeconfig.clientConfig(context);
            kubeconfigEncrypted = cipher.encrypt(kubeconfig.yaml(), kubeconfigPlace(name));
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
        if (!changed.isEmpty()) {
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
            closeConnection(name);
            audit.record(AuditEvent.of(actor, "cluster.update", name, AuditOutcome.SUCCESS)
                    .onCluster(name, null)
                    .withDetails(changed));
        }
        return get(name);
    }

    public void remove(String actor, String name) {
        row(name);
        clusters.delete(name);
        closeConnection(name);
        health.remove(name);
        audit.record(AuditEvent.of(actor, "cluster.remove", name, AuditOutcome.SUCCESS)
                .onCluster(name, null));
    }

    /**
     * The cluster named {@code name}, read once for one call.
     *
     * @throws ApiException 404 {@code cluster_not_found}
     */
    public ClusterHandle open(String name) {
        return new ClusterHandle(this, row(name));
    }

    /** The client acting as Pilothouse itself (discovery, health, indexing). */
    public KubernetesClient systemClient(String name) {
        return systemClient(row(name));
    }

    KubernetesClient systemClient(ClusterRepository.Row row) {
        Connection connection = connections.compute(row.name(), (key, current) -> {
            if (current != null && current.version().equals(row.updatedAt())) {
                return current;
            }
            if (current != null) {
                closeQuietly(current.client());
            }
            return new Connection(row.updatedAt(), build(row));
        });
        return connection.client();
    }

    /**
     * The client for a dashboard user's request: when the cluster is set to impersonate, every
     * call carries {@code Impersonate-User} (and group {@value #IMPERSONATED_GROUP}), so the
     * cluster's own RBAC applies on top of Pilothouse's.
     */
    public KubernetesClient clientAs(String name, String username) {
        return clientAs(row(name), username);
    }

    KubernetesClient clientAs(ClusterRepository.Row row, String username) {
        KubernetesClient base = systemClient(row);
        if (!row.impersonate()) {
            return base;
        }
        var requestConfig = new RequestConfigBuilder(base.getConfiguration().getRequestConfig())
                .withImpersonateUsername(username)
                .withImpersonateGroups(IMPERSONATED_GROUP)
                .build();
        return base.newClient(requestConfig).adapt(KubernetesClient.class);
    }

    public boolean isDemo(String name) {
        return row(name).source() == ClusterSource.DEMO;
    }

    void recordHealth(String name, ClusterHealth result) {
        if (clusters.find(name).isPresent()) {
            health.put(name, result);
        }
    }

    ClusterHealth health(String name) {
        return health.getOrDefault(name, ClusterHealth.unknown());
    }

    List<ClusterRepository.Row> rows() {
        return clusters.findAll();
    }

    private ClusterRepository.Row row(String name) {
        return clusters.find(name)
                .orElseThrow(
                        () -> ApiException.notFound("cluster_not_found", "There is no cluster named '" + name + "'."));
    }

    private ClusterInfo info(ClusterRepository.Row row) {
        String server = serverOf(row);
        return new ClusterInfo(
                row.name(),
                row.displayName(),
                row.source(),
                row.context(),
                server,
                row.impersonate(),
                row.source() == ClusterSource.DEMO ? ClusterInfo.DEMO_LABEL : null,
                health(row.name()),
                row.createdAt(),
                ClusterInfo.warningsFor(server));
    }

    private String serverOf(ClusterRepository.Row row) {
        if (row.source() != ClusterSource.KUBECONFIG) return null;
        try {
            return Kubeconfig.parse(kubeconfigOf(row)).server(row.context());
        } catch (ApiException e) {
            return null;
        }
    }

    /** Where a cluster's kubeconfig is stored: its ciphertext is bound to that row and column. */
    static SecretCipher.Place kubeconfigPlace(String cluster) {
        return new SecretCipher.Place("clusters", cluster, "kubeconfig_encrypted");
    }

    private String kubeconfigOf(ClusterRepository.Row row) {
        return cipher.decrypt(
                row.kubeconfigEncrypted(), kubeconfigPlace(row.name()), "kubeconfig of cluster " + row.name());
    }

    private KubernetesClient build(ClusterRepository.Row row) {
        Config config = switch (row.source()) {
            case DEMO -> null;
            case IN_CLUSTER -> properties.inCluster().clientConfig();
            case KUBECONFIG -> Kubeconfig.parse(kubeconfigOf(row)).clientConfig(row.context());
        };
        if (config == null) {
            return demo.client();
        }
        config.setConnectionTimeout((int) properties.connectTimeout().toMillis());
        config.setRequestTimeout((int) properties.requestTimeout().toMillis());
        // fabric8 retries failed requests with backoff by default; that would multiply the cost of
        // an unreachable cluster. Callers see the failure at once instead.
        config.setRequestRetryBackoffLimit(0);
        return new KubernetesClientBuilder().withConfig(config).build();
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
        List<String> warnings = ClusterInfo.warningsFor(serverOf(row));
        if (!warnings.isEmpty()) details.put("warnings", warnings);
        audit.record(AuditEvent.of(actor, "cluster.register", row.name(), AuditOutcome.SUCCESS)
                .onCluster(row.name(), null)
                .withDetails(details));
    }

    private void closeConnection(String name) {
        Connection connection = connections.remove(name);
        if (connection != null) {
            closeQuietly(connection.client());
        }
    }

    private void closeQuietly(KubernetesClient client) {
        if (client == demo.clientIfStarted()) {
            return; // the demo server outlives registrations; its client is shared
        }
        try {
            client.close();
        } catch (RuntimeException e) {
            log.debug("closing a cluster client failed", e);
        }
    }
}
