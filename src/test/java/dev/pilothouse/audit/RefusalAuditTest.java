package dev.pilothouse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.support.ServerTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every refusal is on the record: reads without a role, admin endpoints, actuator; none twice. */
class RefusalAuditTest extends ServerTest {

    JsonNode rows(String actor) {
        return admin().get("/api/audit?actor=" + actor + "&action=access")
                .json()
                .get("items");
    }

    @Test
    void aUserWithNoRoleIsRecordedWhenRefused() {
        var user = newUser("norole");
        String name = user.name();
        var stranger = user.client();

        assertThat(stranger.get("/api/clusters/demo/kinds").status()).isEqualTo(403);
        assertThat(stranger.get("/api/users").status()).as("admin endpoint").isEqualTo(403);
        assertThat(stranger.get("/actuator/env").status()).as("actuator").isEqualTo(403);

        JsonNode rows = rows(name);
        assertThat(rows)
                .extracting(r -> r.get("target").asString())
                .containsExactlyInAnyOrder("GET /api/clusters/demo/kinds", "GET /api/users", "GET /actuator/env");
        assertThat(rows).allSatisfy(r -> assertThat(r.get("outcome").asString()).isEqualTo("denied"));
        assertThat(rows)
                .filteredOn(r -> r.get("target").asString().contains("demo"))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.get("cluster").asString()).isEqualTo("demo");
                    assertThat(r.at("/details/reason").asString()).isEqualTo(name + " has no role on cluster demo");
                });
    }

    @Test
    void aChangeRefusedAsInvalidIsRecordedAsAFailure() {
        var admin = admin();
        var refused = admin.post("/api/users", "{\"username\": \"\", \"password\": \"x\"}");
        assertThat(refused.status()).isEqualTo(400);
        var role = admin.post("/api/rbac/roles", "{\"name\": \"bad\", \"rules\": [{\"verbs\": [\"fly\"]}]}");
        assertThat(role.status()).isEqualTo(400);

        JsonNode rows = admin.get("/api/audit?actor=admin&action=request.refused")
                .json()
                .get("items");
        assertThat(rows)
                .extracting(r -> r.get("target").asString())
                .contains("POST /api/users", "POST /api/rbac/roles");
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("outcome").asString()).isEqualTo("failure");
            assertThat(r.at("/details/error").asString()).isNotBlank();
        });
    }

    @Test
    void aRefusedChangeIsRecordedOnceWithItsDetail() {
        var admin = admin();
        var user = userWithRole("viewer", List.of("demo"), List.of("*"));
        String name = user.name();
        var viewer = user.client();

        assertThat(viewer.delete("/api/clusters/demo/resources/deployments/web?namespace=shop")
                        .status())
                .isEqualTo(403);

        assertThat(rows(name)).as("not again as access.denied").isEmpty();
        assertThat(admin.get("/api/audit?actor=" + name + "&action=resource.delete")
                        .json()
                        .get("items"))
                .singleElement()
                .satisfies(r -> assertThat(r.get("outcome").asString()).isEqualTo("denied"));
    }
}
