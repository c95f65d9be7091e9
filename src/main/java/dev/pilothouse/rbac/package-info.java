/**
 * Who may do what on which cluster: roles made of rules, bindings of users to roles on clusters
 * and namespaces, and the one decision every cluster call goes through ({@link AccessControl}).
 */
@ApplicationModule(allowedDependencies = {"platform", "auth", "audit"})
package dev.pilothouse.rbac;

import org.springframework.modulith.ApplicationModule;
