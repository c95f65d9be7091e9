package dev.pilothouse.support;

import dev.pilothouse.ai.chat.ToolsStandIn;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * A test against the whole server on a random port, over real HTTP, with the PostgreSQL
 * database that {@code ./dev test} provisions (DATABASE_URL). All such tests share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
// Until ai.tools brings the real AssistantTools and ConfirmationManager, the server needs these to start
// (merge: drop this import here, keep @Import(ToolsStandIn.class) on the chat tests).
@Import(ToolsStandIn.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "pilothouse.auth.admin-password=" + IntegrationTest.ADMIN_PASSWORD,
            "pilothouse.data-dir=target/test-data",
            "pilothouse.max-request-body=64KB",
            "logging.structured.format.console=",
            "pilothouse.clusters.import-kubeconfig=false",
            "pilothouse.clusters.health-timeout=2s",
            "pilothouse.clusters.connect-timeout=2s",
            "pilothouse.clusters.request-timeout=3s",
            // Tests start index runs themselves.
            "pilothouse.rag.auto-index=false"
        })
public @interface IntegrationTest {
    String ADMIN_PASSWORD = "admin-test-password";
}
