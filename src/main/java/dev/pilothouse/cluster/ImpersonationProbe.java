package dev.pilothouse.cluster;

import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * Asks a cluster, as the identity Pilothouse will use, whether that identity may impersonate
 * users and groups (two SelfSubjectAccessReviews). Registration turns impersonation on when it
 * may and the administrator did not choose: then the cluster's own RBAC applies to each user, not
 * the kubeconfig's broad identity. Bounded by the health timeout; no answer means "no".
 */
@Component
class ImpersonationProbe {

    /** The answer and why, for the audit entry of the registration. */
    record Result(boolean allowed, String reason) {}

    private final Duration timeout;
    private final Duration connectTimeout;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    ImpersonationProbe(ClusterProperties properties) {
        this.timeout = properties.healthTimeout();
        this.connectTimeout = properties.connectTimeout();
    }

    Result probe(Config config) {
        config.setConnectionTimeout((int) connectTimeout.toMillis());
        config.setRequestTimeout((int) timeout.toMillis());
        config.setRequestRetryBackoffLimit(0);
        try (KubernetesClient client =
                new KubernetesClientBuilder().withConfig(config).build()) {
            var users = CompletableFuture.supplyAsync(() -> allowed(client, "users"), executor);
            var groups = CompletableFuture.supplyAsync(() -> allowed(client, "groups"), executor);
            boolean mayUsers = users.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            boolean mayGroups = groups.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (mayUsers && mayGroups) {
                return new Result(true, "the kubeconfig's identity may impersonate users and groups");
            }
            return new Result(
                    false, "the kubeconfig's identity may not impersonate " + (mayUsers ? "groups" : "users"));
        } catch (TimeoutException e) {
            return new Result(false, "the cluster did not answer whether impersonation is allowed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "the impersonation check was interrupted");
        } catch (Exception e) {
            return new Result(false, "the cluster could not say whether impersonation is allowed");
        }
    }

    private static boolean allowed(KubernetesClient client, String resource) {
        SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder()
                .withNewSpec()
                .withNewResourceAttributes()
                .withVerb("impersonate")
                .withGroup("")
                .withResource(resource)
                .endResourceAttributes()
                .endSpec()
                .build();
        SelfSubjectAccessReview answer =
                client.authorization().v1().selfSubjectAccessReview().create(review);
        return answer != null
                && answer.getStatus() != null
                && Boolean.TRUE.equals(answer.getStatus().getAllowed());
    }
}
