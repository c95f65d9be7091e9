/**
 * The assistant's documentation index: sources (docs, plugins, cluster CRDs and OpenAPI), chunking,
 * the pgvector store, the hybrid retriever and the incremental indexer.
 */
@ApplicationModule(allowedDependencies = {"ai.provider", "ai.config", "cluster", "plugin"})
package dev.pilothouse.ai.rag;

import org.springframework.modulith.ApplicationModule;
