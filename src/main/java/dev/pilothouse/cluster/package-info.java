/**
 * ClusterManager: the registry of clusters, one fabric8 client per cluster, background health,
 * impersonation, and the labelled demo cluster.
 */
@ApplicationModule(allowedDependencies = {"platform", "audit"})
package dev.pilothouse.cluster;

import org.springframework.modulith.ApplicationModule;
