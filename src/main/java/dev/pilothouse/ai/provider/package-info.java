/**
 * The {@code LlmProvider} port and its types, the Anthropic, OpenAI (and compatible) and Ollama adapters,
 * the embedders and token estimates. Knows nothing of Kubernetes, the database or Spring web.
 */
@ApplicationModule(allowedDependencies = {})
package dev.pilothouse.ai.provider;

import org.springframework.modulith.ApplicationModule;
