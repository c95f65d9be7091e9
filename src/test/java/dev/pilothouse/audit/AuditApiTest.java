package dev.pilothouse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.support.ApiClient;
import dev.pilothouse.support.ServerTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class AuditApiTest extends ServerTest {

    @Autowired
    AuditLog audit;

    @Test
    void filtersByActorActionAndClusterAndPagesWithACursor() {
        String actor = ApiClient.uniqueName("auditor");
        for (int i = 0; i < 5; i++) {
            audit.record(AuditEvent.of(actor, "resource.scale", "deployments/web-" + i, AuditOutcome.SUCCESS)
                    .onCluster("prod", "shop")
                    .withDetails(Map.of("replicas", i)));
        }
        audit.record(AuditEvent.of(actor, "resource.delete", "pods/x", AuditOutcome.DENIED)
                .onCluster("staging", "shop"));
        var admin = admin();

        List<String> targets = new ArrayList<>();
        String cursor = "";
        for (int page = 0; page < 5; page++) {
            JsonNode body = admin.get("/api/audit?actor=" + actor + "&action=resource&cluster=prod&limit=2" + cursor)
                    .json();
            body.get("items").forEach(item -> targets.add(item.get("target").asString()));
            if (body.get("nextCursor").isNull()) break;
            cursor = "&cursor=" + body.get("nextCursor").asLong();
        }
        assertThat(targets)
                .containsExactly(
                        "deployments/web-4",
                        "deployments/web-3",
                        "deployments/web-2",
                        "deployments/web-1",
                        "deployments/web-0");

        JsonNode denied = admin.get("/api/audit?actor=" + actor + "&action=resource.delete")
                .json()
                .get("items");
        assertThat(denied).hasSize(1);
        assertThat(denied.get(0).get("outcome").asString()).isEqualTo("denied");
        assertThat(denied.get(0).get("cluster").asString()).isEqualTo("staging");
    }

    @Test
    void filtersByTimeRange() {
        String actor = ApiClient.uniqueName("timed");
        audit.record(AuditEvent.of(actor, "settings.update", "ai", AuditOutcome.SUCCESS));
        var admin = admin();
        Instant now = Instant.now();

        var inRange = admin.get("/api/audit?actor=" + actor + "&from=" + now.minus(1, ChronoUnit.HOURS) + "&to="
                + now.plus(1, ChronoUnit.HOURS));
        assertThat(inRange.json().get("items")).hasSize(1);

        var before = admin.get("/api/audit?actor=" + actor + "&to=" + now.minus(1, ChronoUnit.HOURS));
        assertThat(before.json().get("items")).isEmpty();
    }

    @Test
    void badFiltersAre400WithAnExample() {
        var admin = admin();
        var badTime = admin.get("/api/audit?from=yesterday");
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.errorMessage()).contains("ISO-8601").contains("yesterday");

        var badLimit = admin.get("/api/audit?limit=100000");
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.errorMessage()).contains("between 1 and 500");
    }
}
