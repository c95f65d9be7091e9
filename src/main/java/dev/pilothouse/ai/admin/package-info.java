/**
 * The AI configuration and RAG administration REST endpoints.
 */
@ApplicationModule(allowedDependencies = {"platform", "audit", "ai.config", "ai.rag"})
package dev.pilothouse.ai.admin;

import org.springframework.modulith.ApplicationModule;
