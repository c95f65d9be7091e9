package dev.pilothouse.plugin;

import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The plugins, for any logged-in user (the UI builds views from them), and for administrators the
 * manifests that were skipped: their errors name files on the server.
 */
@RestController
class PluginController {

    private final PluginRegistry registry;

    PluginController(PluginRegistry registry) {
        this.registry = registry;
    }

    record Plugins(List<Plugin> plugins, List<PluginProblem> errors) {}

    @GetMapping("/api/plugins")
    Plugins list(Authentication user) {
        boolean admin = user.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
        return new Plugins(registry.plugins(), admin ? registry.problems() : List.of());
    }
}
