/**
 * The assistant's tools: definitions offered to the model, the executor that runs a call as the user
 * through {@code resource}, output shaping, redaction of secrets, and the confirmation flow for writes.
 */
@ApplicationModule(allowedDependencies = {"resource", "audit", "platform", "ai.provider"})
package dev.pilothouse.ai.tools;

import org.springframework.modulith.ApplicationModule;
