package dev.pilothouse.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Checks every cluster in the background, all at once on virtual threads, each bounded by the
 * health timeout: a round over 20 clusters of which 5 do not answer takes one timeout, not five.
 * Requests never wait for health; they read the last result.
 */
@Component
class ClusterHealthMonitor {

    private final ClusterManager clusters;
    private final ClusterProperties properties;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    ClusterHealthMonitor(ClusterManager clusters, ClusterProperties properties) {
        this.clusters = clusters;
        this.properties = properties;
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${pilothouse.clusters.health-interval:30s}")
    void checkAll() {
        List<String> names =
                clusters.rows().stream().map(ClusterRepository.Row::name).toList();
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
                            () -> clusters.systemClient(name)
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
        clusters.recordHealth(name, result);
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
