/**
 * The audit log: one service every feature calls to record who changed what, and the admin
 * endpoint that reads it back.
 */
@ApplicationModule(allowedDependencies = "platform")
package dev.pilothouse.audit;

import org.springframework.modulith.ApplicationModule;
