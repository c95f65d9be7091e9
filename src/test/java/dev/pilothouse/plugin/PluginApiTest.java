package dev.pilothouse.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.support.ServerTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PluginApiTest extends ServerTest {

    @Test
    void anyLoggedInUserListsThePlugins() {
        var user = newUser("reader").client();

        var response = user.get("/api/plugins");
        assertThat(response.status()).isEqualTo(200);
        var body = response.json();
        List<String> names = new ArrayList<>();
        body.get("plugins").forEach(p -> names.add(p.get("name").asString()));
        assertThat(names).containsExactly("argo-cd", "cert-manager");
        assertThat(body.get("errors").isArray()).isTrue();

        var application = body.get("plugins").get(0).get("kinds").get(0);
        assertThat(application.get("kind").asString()).isEqualTo("Application");
        assertThat(application.get("scope").asString()).isEqualTo("Namespaced");
        assertThat(application.get("columns").get(0).get("jsonPath").asString()).isEqualTo(".status.sync.status");
        assertThat(application.get("columns").get(0).get("type").asString()).isEqualTo("string");
    }

    @Test
    void needsASession() {
        assertThat(anonymous().get("/api/plugins").status()).isEqualTo(401);
    }
}
