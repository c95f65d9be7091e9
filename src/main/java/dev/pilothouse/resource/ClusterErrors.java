package dev.pilothouse.resource;

import dev.pilothouse.platform.ApiException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;

/**
 * Turns what an API server (or the network to it) answered into the API's error shape, naming
 * the cluster, so one cluster's failure reads as that cluster's failure.
 */
final class ClusterErrors {

    private ClusterErrors() {}

    static <T> T call(String cluster, Supplier<T> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            throw translate(cluster, e);
        }
    }

    static ApiException translate(String cluster, KubernetesClientException e) {
        if (e.getStatus() == null && isNetworkFailure(e)) {
            return new ApiException(
                    HttpStatus.BAD_GATEWAY,
                    "cluster_unreachable",
                    "Cluster '" + cluster + "' did not answer: " + rootMessage(e)
                            + ". Its health is shown under Clusters.",
                    e);
        }
        String serverMessage = e.getStatus() != null && e.getStatus().getMessage() != null
                ? e.getStatus().getMessage()
                : firstLine(e.getMessage());
        return switch (e.getCode()) {
            case 404 ->
                ApiException.notFound("resource_not_found", "Cluster '" + cluster + "': " + serverMessage + ".");
            case 401 ->
                new ApiException(
                        HttpStatus.BAD_GATEWAY,
                        "cluster_unauthorized",
                        "Cluster '" + cluster
                                + "' rejected Pilothouse's credentials; update its kubeconfig in Settings → Clusters.");
            case 403 ->
                ApiException.forbidden(
                        "cluster_forbidden", "Cluster '" + cluster + "' refused the request: " + serverMessage);
            case 409 -> ApiException.conflict("cluster_conflict", "Cluster '" + cluster + "': " + serverMessage);
            case 400, 422 ->
                ApiException.badRequest(
                        "invalid_object", "Cluster '" + cluster + "' refused the object: " + serverMessage);
            default ->
                new ApiException(
                        HttpStatus.BAD_GATEWAY,
                        "cluster_error",
                        "Cluster '" + cluster + "' answered " + e.getCode() + ": " + serverMessage);
        };
    }

    private static boolean isNetworkFailure(KubernetesClientException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException || t instanceof java.util.concurrent.TimeoutException) return true;
            if (t.getCause() == t) break;
        }
        return e.getCode() == 0;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : firstLine(t.getMessage());
    }

    private static String firstLine(String s) {
        if (s == null) return "no message";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
