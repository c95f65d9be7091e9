package dev.pilothouse.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.support.ApiClient;
import dev.pilothouse.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class OperationsTest {

    @LocalServerPort
    int port;

    @Test
    void healthIsUpIncludingTheDatabaseForAnAdmin() {
        var anonymous = new ApiClient(port).get("/actuator/health");
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.json().get("status").asString()).isEqualTo("UP");
        assertThat(anonymous.body()).as("no details without a session").doesNotContain("components");

        var admin = new ApiClient(port)
                .loggedIn("admin", IntegrationTest.ADMIN_PASSWORD)
                .get("/actuator/health");
        assertThat(admin.json().at("/components/db/status").asString()).isEqualTo("UP");
    }

    @Test
    void prometheusMetricsAreExposed() {
        var metrics = new ApiClient(port).get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
    }
}
