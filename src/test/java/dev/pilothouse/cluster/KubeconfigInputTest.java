package dev.pilothouse.cluster;

import static dev.pilothouse.support.ApiClient.json;
import static dev.pilothouse.support.ApiClient.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.support.ServerTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A kubeconfig that is not a kubeconfig is explained in words, not with the parser's class names. */
class KubeconfigInputTest extends ServerTest {

    @Test
    void aStringANumberOrAListIsExplained() {
        var admin = admin();
        Map<String, String> shapes = Map.of(
                "just some text", "a string",
                "42", "a number",
                "- a\n- b\n", "a list",
                "clusters: [\n", "line");
        shapes.forEach((kubeconfig, expected) -> {
            var refused =
                    admin.post("/api/clusters", json(Map.of("name", uniqueName("bad"), "kubeconfig", kubeconfig)));
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.errorCode()).isEqualTo("invalid_kubeconfig");
            assertThat(refused.errorMessage())
                    .as(kubeconfig)
                    .contains(expected)
                    .doesNotContain("io.fabric8")
                    .doesNotContain("Cannot construct");
        });
    }
}
