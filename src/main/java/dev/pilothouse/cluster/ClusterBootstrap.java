package dev.pilothouse.cluster;

import dev.pilothouse.cluster.demo.DemoCluster;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * First start, no clusters registered: import the contexts of {@code $KUBECONFIG} (or
 * {@code ~/.kube/config}); when there is none, register the labelled demo cluster, unless
 * {@code PILOTHOUSE_DEMO=false}.
 */
@Component
class ClusterBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ClusterBootstrap.class);

    private final ClusterRegistry clusters;
    private final ClusterRepository repository;
    private final ClusterProperties properties;
    private final DemoCluster demo;
    private final ClusterHealthMonitor health;

    ClusterBootstrap(
            ClusterRegistry clusters,
            ClusterRepository repository,
            ClusterProperties properties,
            DemoCluster demo,
            ClusterHealthMonitor health) {
        this.clusters = clusters;
        this.repository = repository;
        this.properties = properties;
        this.demo = demo;
        this.health = health;
    }

    @Override
    public void run(ApplicationArguments args) {
        registerOnFirstStart();
        boolean hasDemo = repository
                .find(DemoCluster.NAME)
                .filter(row -> row.source() == ClusterSource.DEMO)
                .isPresent();
        // Seed the simulated cluster and check every cluster now, rather than on the first click
        // or the next scheduled round.
        Thread.ofVirtual().name("clusters-warm-up").start(() -> {
            if (hasDemo) demo.client();
            health.checkAll();
        });
    }

    private void registerOnFirstStart() {
        if (repository.count() > 0) {
            return;
        }
        Path kubeconfig = kubeconfigFile();
        if (properties.importKubeconfig() && kubeconfig != null && Files.isReadable(kubeconfig)) {
            importKubeconfig(kubeconfig);
            if (repository.count() > 0) {
                return;
            }
        }
        if (properties.demo()) {
            clusters.registerDemo();
            log.info("No kubeconfig found: registered the demo cluster (simulated). Set PILOTHOUSE_DEMO=false to"
                    + " turn it off.");
        }
    }

    void importKubeconfig(Path file) {
        try {
            String yaml = Files.readString(file);
            var config = KubeConfigUtils.parseConfigFromString(yaml);
            if (config.getContexts() == null) return;
            for (var context : config.getContexts()) {
                clusters.importContext(clusterName(context.getName()), yaml, context.getName());
            }
            log.info("Imported {} context(s) from {}", config.getContexts().size(), file);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not import the kubeconfig {}: {}", file, e.getMessage());
        }
    }

    private Path kubeconfigFile() {
        if (properties.kubeconfig() != null) return properties.kubeconfig();
        String env = System.getenv("KUBECONFIG");
        if (env != null && !env.isBlank()) {
            return Path.of(env.split(java.io.File.pathSeparator)[0]);
        }
        return Path.of(System.getProperty("user.home"), ".kube", "config");
    }

    /** Context names like "arn:aws:eks:...:cluster/prod" become valid cluster names. */
    static String clusterName(String context) {
        String name =
                context.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        if (name.length() > 63) name = name.substring(name.length() - 63).replaceAll("^-+", "");
        return name.isEmpty() ? "cluster" : name;
    }
}
