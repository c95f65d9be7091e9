package dev.pilothouse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.test.context.TestPropertySource;

/**
 * The audit module started with only what it may use (platform): a change's intent written
 * first, then its outcome, read back through the same filters the admin page uses. A change that
 * makes the audit log reach into another feature fails here first.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
@TestPropertySource(properties = {"pilothouse.data-dir=target/test-data", "logging.structured.format.console="})
class AuditModuleTest {

    @Autowired
    AuditLog audit;

    @Autowired
    ApplicationContext context;

    @Test
    void anIntentIsOnRecordAsAFailureUntilItsOutcomeIsWritten() {
        String actor = "slice-" + UUID.randomUUID().toString().substring(0, 8);
        long id = audit.begin(AuditEvent.of(actor, "resource.scale", "deployments/web", AuditOutcome.SUCCESS)
                .onCluster("prod", "shop"));

        var query = new AuditQuery(actor, "resource", "prod", null, null, null, 10);
        AuditEntry pending = audit.find(query).getFirst();
        assertThat(pending.id()).isEqualTo(id);
        assertThat(pending.outcome()).as("the cluster was not heard from yet").isEqualTo(AuditOutcome.FAILURE);
        assertThat(pending.details().get("error").toString()).contains("server stopped before the answer");

        audit.complete(id, AuditOutcome.SUCCESS, Map.of("replicas", 5));
        AuditEntry done = audit.find(query).getFirst();
        assertThat(done.outcome()).isEqualTo(AuditOutcome.SUCCESS);
        assertThat(done.details()).containsEntry("replicas", 5);
        assertThat(done.namespace()).isEqualTo("shop");
        assertThat(audit.find(new AuditQuery(actor, "auth", null, null, null, null, 10)))
                .as("filtered by action")
                .isEmpty();
    }

    @Test
    void startsWithoutAnyFeatureItMayNotUse() {
        for (String name : context.getBeanDefinitionNames()) {
            String pkg = context.getBean(name).getClass().getPackageName();
            if (pkg.startsWith("dev.pilothouse.")) {
                assertThat(pkg).as(name).matches("dev\\.pilothouse\\.(audit|platform)(\\..*)?");
            }
        }
    }
}
