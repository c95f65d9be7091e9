/**
 * Stored AI settings (encrypted keys, environment seeding, change events), the active provider
 * snapshot and the connection test.
 */
@ApplicationModule(allowedDependencies = {"platform", "audit", "ai.provider"})
package dev.pilothouse.ai.config;

import org.springframework.modulith.ApplicationModule;
