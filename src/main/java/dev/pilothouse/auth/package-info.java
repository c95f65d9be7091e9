/**
 * Local user accounts: login, logout, the current user, the first administrator, and the
 * admin endpoints that manage users.
 */
@ApplicationModule(allowedDependencies = {"platform", "audit"})
package dev.pilothouse.auth;

import org.springframework.modulith.ApplicationModule;
