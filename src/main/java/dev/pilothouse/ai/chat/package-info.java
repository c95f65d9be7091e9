/**
 * The assistant's engine: the orchestrator of a chat turn, conversation history, usage and the chat
 * WebSocket.
 */
@ApplicationModule(
        allowedDependencies = {
            "ai.provider",
            "ai.config",
            "ai.rag",
            "ai.tools",
            "resource",
            "rbac",
            "platform",
            "audit",
            "auth",
            "cluster"
        })
package dev.pilothouse.ai.chat;

import org.springframework.modulith.ApplicationModule;
