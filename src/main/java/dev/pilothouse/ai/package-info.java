/**
 * The AI assistant. Each sub-package is an application module of its own (see its {@code
 * package-info.java} and the module map in DESIGN.md): {@code ai.provider} → {@code ai.config} →
 * {@code ai.rag} / {@code ai.tools} → {@code ai.chat}, with {@code ai.admin} serving config and
 * RAG over REST. Nothing lives in this package itself.
 */
@ApplicationModule(allowedDependencies = {})
package dev.pilothouse.ai;

import org.springframework.modulith.ApplicationModule;
