package dev.pilothouse.ai.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.audit.AuditLog;
import dev.pilothouse.audit.AuditQuery;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.test.context.TestPropertySource;

/**
 * The AI settings module started with only what it may use (platform, audit, ai.provider), no
 * RAG, tools or chat: a change saved through the service is what the active provider's next
 * snapshot runs with, and it is on the audit record with the fields it changed.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
@TestPropertySource(properties = {"pilothouse.data-dir=target/test-data", "logging.structured.format.console="})
class AiConfigModuleTest {

    @Autowired
    AiConfigService config;

    @Autowired
    ActiveProvider active;

    @Autowired
    AuditLog audit;

    @Autowired
    ApplicationContext context;

    /** Platform's security asks for the user store that auth provides in the whole app; nobody logs in here. */
    @TestConfiguration
    static class NoLogins {
        @Bean
        UserDetailsService noUsers() {
            return username -> {
                throw new UsernameNotFoundException(username);
            };
        }
    }

    static AiConfigUpdate maxToolSteps(int steps) {
        return new AiConfigUpdate(
                null, null, null, null, null, null, null, null, null, null, null, null, null, steps, null, null, null,
                null, null);
    }

    @Test
    void aSavedChangeIsWhatTheNextTurnRunsWith() {
        int before = active.settings().maxToolSteps();
        int changed = before == 7 ? 8 : 7;
        try {
            assertThat(config.update("slice-admin", maxToolSteps(changed)).maxToolSteps())
                    .isEqualTo(changed);
            assertThat(active.settings().maxToolSteps()).isEqualTo(changed);
            assertThat(active.current().provider()).isNotNull();
            assertThat(audit.find(new AuditQuery("slice-admin", "ai.config.update", null, null, null, null, 1)))
                    .singleElement()
                    .satisfies(e ->
                            assertThat(e.details().get("changed").toString()).contains("maxToolSteps"));
        } finally {
            config.update("slice-admin", maxToolSteps(before));
        }
        assertThat(active.settings().maxToolSteps()).isEqualTo(before);
    }

    @Test
    void startsWithoutAnyFeatureItMayNotUse() {
        for (String bean : context.getBeanDefinitionNames()) {
            String pkg = context.getBean(bean).getClass().getPackageName();
            if (pkg.startsWith("dev.pilothouse.")) {
                assertThat(pkg)
                        .as(bean)
                        .matches("dev\\.pilothouse\\.(ai\\.config|ai\\.provider|platform|audit)(\\..*)?");
            }
        }
    }
}
