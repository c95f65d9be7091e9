package dev.pilothouse.ai.chat;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The {@code ai.tools} beans for tests of the chat: scripted, so a turn's tool loop can be driven
 * exactly. {@code @Primary}, so they win over the real executor once it is on the classpath.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ToolsStandIn {

    @Bean
    @Primary
    ScriptedConfirmations scriptedConfirmations() {
        return new ScriptedConfirmations();
    }

    @Bean
    @Primary
    ScriptedTools scriptedTools(ScriptedConfirmations confirmations) {
        return new ScriptedTools(confirmations);
    }
}
