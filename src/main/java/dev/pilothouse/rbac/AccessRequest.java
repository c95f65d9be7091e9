package dev.pilothouse.rbac;

/**
 * One question to the RBAC engine: may {@code username} {@code verb} {@code resource} (a
 * Kubernetes resource plural such as {@code deployments}, in {@code apiGroup}, "" for the core
 * group) in {@code namespace} (null for cluster-scoped objects and all-namespace lists) of
 * {@code cluster}? Reading Secret values is the subresource {@code secrets/data}.
 */
public record AccessRequest(
        String username, Verb verb, String cluster, String namespace, String apiGroup, String resource) {}
