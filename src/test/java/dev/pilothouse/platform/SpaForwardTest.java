package dev.pilothouse.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.support.ServerTest;
import org.junit.jupiter.api.Test;

/** The single-page app is served for client routes; API and asset misses stay 404s. */
class SpaForwardTest extends ServerTest {

    @Test
    void clientRoutesServeTheApp() {
        for (String path : new String[] {"/", "/clusters/demo", "/settings/audit"}) {
            var response = anonymous().get(path);
            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).contains("spa-test-marker");
        }
    }

    @Test
    void unknownApiPathsStayJson404() {
        var client = admin();
        var response = client.get("/api/no-such-thing");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.errorCode()).isEqualTo("not_found");
    }

    @Test
    void missingAssetsAreNotTheApp() {
        var response = anonymous().get("/assets/missing-1234.js");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("spa-test-marker");
    }
}
