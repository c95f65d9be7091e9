package dev.pilothouse.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.modulith.test.ApplicationModuleTest;

/**
 * The plugin module started on its own: it needs nothing of the other features to load the
 * shipped manifests, so a change that makes it reach into another module fails here first.
 */
@ApplicationModuleTest
@org.springframework.test.context.TestPropertySource(
        properties = {"pilothouse.plugins.dir=", "logging.structured.format.console="})
class PluginModuleTest {

    @Autowired
    PluginRegistry registry;

    @Autowired
    ApplicationContext context;

    @Test
    void loadsTheShippedManifestsWithoutAnyOtherFeature() {
        assertThat(registry.plugins()).extracting(Plugin::name).contains("argo-cd", "cert-manager");
        // Only this module's beans: no other feature's service was started.
        for (String name : context.getBeanDefinitionNames()) {
            Object bean = context.getBean(name);
            String pkg = bean.getClass().getPackageName();
            if (pkg.startsWith("dev.pilothouse.")) {
                assertThat(Set.of("dev.pilothouse.plugin")).as(name).anyMatch(pkg::startsWith);
            }
        }
    }
}
