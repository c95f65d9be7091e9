package dev.pilothouse.support;

import static dev.pilothouse.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Small helpers over the admin API, so tests read as "bind alice to viewer on prod". */
public final class RbacFixtures {

    private RbacFixtures() {}

    public static UUID roleId(ApiClient admin, String name) {
        for (var role : admin.get("/api/rbac/roles").json()) {
            if (role.get("name").asString().equals(name))
                return UUID.fromString(role.get("id").asString());
        }
        throw new AssertionError("no role " + name);
    }

    public static UUID bind(ApiClient admin, UUID userId, UUID roleId, List<String> clusters, List<String> namespaces) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", userId);
        body.put("roleId", roleId);
        body.put("clusters", clusters);
        body.put("namespaces", namespaces);
        var response = admin.post("/api/rbac/bindings", json(body));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return UUID.fromString(response.json().get("id").asString());
    }

    public static Map<String, Object> rule(List<String> verbs, List<String> apiGroups, List<String> resources) {
        return Map.of("verbs", verbs, "apiGroups", apiGroups, "resources", resources);
    }

    public static UUID createRole(ApiClient admin, String name, List<Map<String, Object>> rules) {
        var response =
                admin.post("/api/rbac/roles", json(Map.of("name", name, "description", "test role", "rules", rules)));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return UUID.fromString(response.json().get("id").asString());
    }
}
