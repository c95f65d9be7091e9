/**
 * Every read and write on cluster objects, for the dashboard's REST API and the assistant's
 * tools alike: RBAC-checked before the cluster is called, impersonating the user where the
 * cluster asks for it, and every write (allowed or denied) audited.
 */
@ApplicationModule(allowedDependencies = {"platform", "cluster", "rbac", "audit"})
package dev.pilothouse.resource;

import org.springframework.modulith.ApplicationModule;
