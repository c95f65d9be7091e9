package dev.pilothouse.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.support.ApiClient;
import dev.pilothouse.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The single-page app is served for client routes; API and asset misses stay 404s. */
@IntegrationTest
class SpaForwardTest {

    @LocalServerPort
    int port;

    @Test
    void clientRoutesServeTheApp() {
        for (String path : new String[] {"/", "/clusters/demo", "/settings/audit"}) {
            var response = new ApiClient(port).get(path);
            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).contains("spa-test-marker");
        }
    }

    @Test
    void unknownApiPathsStayJson404() {
        var client = new ApiClient(port).loggedIn("admin", IntegrationTest.ADMIN_PASSWORD);
        var response = client.get("/api/no-such-thing");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.errorCode()).isEqualTo("not_found");
    }

    @Test
    void missingAssetsAreNotTheApp() {
        var response = new ApiClient(port).get("/assets/missing-1234.js");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("spa-test-marker");
    }
}
