package dev.pilothouse.plugin;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The plugins and the manifests that were skipped, for any logged-in user (the UI builds views from them). */
@RestController
class PluginController {

    private final PluginRegistry registry;

    PluginController(PluginRegistry registry) {
        this.registry = registry;
    }

    record Plugins(List<Plugin> plugins, List<PluginProblem> errors) {}

    @GetMapping("/api/plugins")
    Plugins list() {
        return new Plugins(registry.plugins(), registry.problems());
    }
}
