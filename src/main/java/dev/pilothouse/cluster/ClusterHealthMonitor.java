package dev.pilothouse.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Checks every cluster in the background, all at once on virtual threads, each bounded by the
 * health timeout: a round over 20 clusters of which 5 do not answer takes one timeout, not five.
 * Requests never wait for health; they read the last result, which is kept here.
 */
@Component
class ClusterHealthMonitor {

    private final ClusterRegistry registry;
    private final ClusterClients clients;
    private final ClusterProperties properties;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, ClusterHealth> results = new ConcurrentHashMap<>();

    ClusterHealthMonitor(ClusterRegistry registry, ClusterClients clients, ClusterProperties properties) {
        this.registry = registry;
        this.clients = clients;
        this.properties = properties;
    }

    /** The last result for the cluster, {@code unknown} before its first check. */
    ClusterHealth last(String name) {
        return results.getOrDefault(name, ClusterHealth.unknown());
    }

    void forget(String name) {
        results.remove(name);
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${pilothouse.clusters.health-interval:30s}")
    void checkAll() {
        List<String> names =
                registry.rows().stream().map(ClusterRepository.Row::name).toList();
        CompletableFuture.allOf(names.stream()
                        .map(name -> CompletableFuture.runAsync(() -> check(name), executor))
                        .toArray(CompletableFuture[]::new))
                .join();
    }

    /** Checks one cluster now and records the result; never takes longer than the health timeout. */
    ClusterHealth check(String name) {
        Duration timeout = properties.healthTimeout();
        long started = System.nanoTime();
        ClusterHealth result;
        try {
            String version = CompletableFuture.supplyAsync(
                            () -> clients.systemClient(registry.row(name))
                                    .getKubernetesVersion()
                                    .getGitVersion(),
                            executor)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            result = new ClusterHealth(ClusterHealth.Status.REACHABLE, version, null, Instant.now(), elapsed(started));
        } catch (TimeoutException e) {
            result = unreachable("The API server did not answer within " + timeout.toSeconds() + " s.", started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = unreachable("The health check was interrupted.", started);
        } catch (Exception e) {
            result = unreachable(describe(e), started);
        }
        // A cluster removed while it was being checked stays forgotten.
        if (registry.exists(name)) {
            results.put(name, result);
        }
        return result;
    }

    private static ClusterHealth unreachable(String error, long started) {
        return new ClusterHealth(ClusterHealth.Status.UNREACHABLE, null, error, Instant.now(), elapsed(started));
    }

    private static long elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }

    private static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return "The API server could not be reached: "
                + message.lines().findFirst().orElse(message);
    }
}
