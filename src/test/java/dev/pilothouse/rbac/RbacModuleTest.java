package dev.pilothouse.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.audit.AuditLog;
import dev.pilothouse.audit.AuditOutcome;
import dev.pilothouse.audit.AuditQuery;
import dev.pilothouse.auth.AccountService;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.test.context.TestPropertySource;

/**
 * The RBAC module started with only what it may use (platform, auth, audit), no cluster, resource
 * or AI feature: a binding grants its role's rules on its clusters and namespaces and nothing
 * else, the decision explains a refusal in words, and the grant is on the audit record.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
@TestPropertySource(
        properties = {
            "pilothouse.auth.admin-password=slice-admin-password",
            "pilothouse.data-dir=target/test-data",
            "logging.structured.format.console="
        })
class RbacModuleTest {

    @Autowired
    AccessControl access;

    @Autowired
    RbacAdmin admin;

    @Autowired
    AccountService accounts;

    @Autowired
    AuditLog audit;

    @Autowired
    ApplicationContext context;

    @Test
    void aBindingGrantsItsRulesOnItsClustersAndNamespacesOnly() {
        String name = "slice-" + UUID.randomUUID().toString().substring(0, 8);
        var user = accounts.create("admin", name, "long-enough-pw", name, false);
        var role = admin.createRole(
                "admin",
                name + "-reader",
                "reads pods",
                List.of(new Rule(List.of("get", "list"), List.of(""), List.of("pods"))));
        admin.createBinding("admin", user.id(), role.id(), List.of("prod"), List.of("shop"));

        assertThat(access.decide(new AccessRequest(name, Verb.GET, "prod", "shop", "", "pods"))
                        .allowed())
                .isTrue();
        assertThat(access.decide(new AccessRequest(name, Verb.DELETE, "prod", "shop", "", "pods"))
                        .allowed())
                .as("a verb the role lacks")
                .isFalse();
        assertThat(access.decide(new AccessRequest(name, Verb.GET, "prod", "payments", "", "pods"))
                        .allowed())
                .as("another namespace")
                .isFalse();
        assertThat(access.decide(new AccessRequest(name, Verb.GET, "prod", "shop", "", "secrets/data"))
                        .allowed())
                .as("Secret values are never implied")
                .isFalse();
        var elsewhere = access.decide(new AccessRequest(name, Verb.GET, "staging", "shop", "", "pods"));
        assertThat(elsewhere.allowed()).isFalse();
        assertThat(elsewhere.explanation()).isEqualTo(name + " has no role on cluster staging");
        assertThat(access.hasRoleOn(name, "prod")).isTrue();

        assertThat(audit.find(new AuditQuery("admin", "rbac", null, null, null, null, 50)))
                .filteredOn(e -> e.target() != null && e.target().startsWith(name))
                .extracting(e -> e.action() + " " + e.outcome())
                .contains("rbac.role.create " + AuditOutcome.SUCCESS, "rbac.binding.create " + AuditOutcome.SUCCESS);
    }

    @Test
    void startsWithoutAnyFeatureItMayNotUse() {
        for (String bean : context.getBeanDefinitionNames()) {
            String pkg = context.getBean(bean).getClass().getPackageName();
            if (pkg.startsWith("dev.pilothouse.")) {
                assertThat(pkg).as(bean).matches("dev\\.pilothouse\\.(rbac|platform|auth|audit)(\\..*)?");
            }
        }
    }
}
