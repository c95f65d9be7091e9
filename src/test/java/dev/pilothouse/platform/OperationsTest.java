package dev.pilothouse.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.support.ServerTest;
import org.junit.jupiter.api.Test;

class OperationsTest extends ServerTest {

    @Test
    void healthIsUpIncludingTheDatabaseForAnAdmin() {
        var anonymous = anonymous().get("/actuator/health");
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.json().get("status").asString()).isEqualTo("UP");
        assertThat(anonymous.body()).as("no details without a session").doesNotContain("components");

        var admin = admin().get("/actuator/health");
        assertThat(admin.json().at("/components/db/status").asString()).isEqualTo("UP");
    }

    @Test
    void prometheusMetricsAreExposed() {
        var metrics = anonymous().get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
    }
}
