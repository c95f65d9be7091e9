/**
 * The AI assistant. {@code ai.provider} holds the {@code LlmProvider} port, its adapters
 * (Anthropic, OpenAI and compatible servers, Ollama) and the embedders; it knows nothing of
 * Kubernetes, the database or Spring web. {@code ai.config} stores the active configuration
 * (encrypted keys, environment seeding, change events) and {@code ai.admin} serves it over REST.
 * {@code ai.rag} indexes docs, plugin manifests and each cluster's CRDs and OpenAPI into pgvector
 * and retrieves from them (hybrid vector + full-text search).
 */
@ApplicationModule(allowedDependencies = {"platform", "audit", "auth", "cluster", "plugin"})
package dev.pilothouse.ai;

import org.springframework.modulith.ApplicationModule;
