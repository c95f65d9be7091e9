package dev.pilothouse.ai.tools;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Assistant tool settings that are operations' business rather than the AI settings page's
 * ({@code pilothouse.ai.tools.*}).
 *
 * @param callTimeout how long one cluster call of a tool may take (a read, a dry run, a write)
 * @param confirmationTimeout how long a write waits for the user's decision before it is rejected
 * @param replica this server's name in {@code ai_confirmations}; a restart withdraws its own
 *     pending rows (default: the host name, which is the pod name in Kubernetes)
 */
@ConfigurationProperties("pilothouse.ai.tools")
public record ToolProperties(
        @DefaultValue("20s") Duration callTimeout,
        @DefaultValue("60s") Duration confirmationTimeout,
        @DefaultValue("") String replica) {

    public static ToolProperties defaults() {
        return new ToolProperties(Duration.ofSeconds(20), Duration.ofSeconds(60), "");
    }
}
