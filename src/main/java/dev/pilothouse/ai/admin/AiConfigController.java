package dev.pilothouse.ai.admin;

import dev.pilothouse.ai.config.AiConfigService;
import dev.pilothouse.ai.config.AiConfigUpdate;
import dev.pilothouse.ai.config.AiConfigView;
import dev.pilothouse.ai.config.ConnectionTest;
import dev.pilothouse.ai.config.ConnectionTester;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * AI configuration REST (spec 4.3). Anyone logged in may read it (it holds no secrets);
 * changing and testing it is for administrators.
 */
@RestController
@RequestMapping("/api/ai")
class AiConfigController {

    private final AiConfigService config;
    private final ConnectionTester tester;

    AiConfigController(AiConfigService config, ConnectionTester tester) {
        this.config = config;
        this.tester = tester;
    }

    record Models(String provider, List<String> models) {}

    @GetMapping("/config")
    AiConfigView get(Authentication user) {
        boolean admin = user.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
        return admin ? config.view() : config.view().forNonAdmin();
    }

    @PutMapping("/config")
    @PreAuthorize("hasRole('ADMIN')")
    AiConfigView update(@RequestBody AiConfigUpdate body, Authentication actor) {
        return config.update(actor.getName(), body);
    }

    /** Tests the stored configuration, or the unsaved changes in the body over it. */
    @PostMapping("/config/test")
    @PreAuthorize("hasRole('ADMIN')")
    ConnectionTest test(@RequestBody(required = false) AiConfigUpdate body, Authentication actor) {
        return tester.test(actor.getName(), body);
    }

    @GetMapping("/models")
    Models models() {
        return new Models(config.view().provider(), config.models());
    }
}
