/**
 * Cross-cutting foundations every feature stands on: security and sessions, the one error
 * shape, request limits, and encryption of secrets at rest. Depends on no other feature.
 */
@ApplicationModule(allowedDependencies = {})
package dev.pilothouse.platform;

import org.springframework.modulith.ApplicationModule;
