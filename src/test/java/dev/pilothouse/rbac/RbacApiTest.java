package dev.pilothouse.rbac;

import static dev.pilothouse.support.ApiClient.json;
import static dev.pilothouse.support.ApiClient.uniqueName;
import static dev.pilothouse.support.RbacFixtures.bind;
import static dev.pilothouse.support.RbacFixtures.createRole;
import static dev.pilothouse.support.RbacFixtures.roleId;
import static dev.pilothouse.support.RbacFixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.support.ApiClient;
import dev.pilothouse.support.ServerTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RbacApiTest extends ServerTest {

    static final String UNKNOWN = "00000000-0000-0000-0000-000000000000";

    @Test
    void builtinRolesExistAndTheFirstAdminIsBoundEverywhere() {
        var admin = admin();
        List<String> builtin = new ArrayList<>();
        admin.get("/api/rbac/roles").json().forEach(r -> {
            if (r.get("builtin").asBoolean()) builtin.add(r.get("name").asString());
        });
        assertThat(builtin).containsExactlyInAnyOrder("admin", "operator", "viewer");

        String adminId = admin.get("/api/me").json().get("id").asString();
        JsonNode bindings = admin.get("/api/rbac/bindings?userId=" + adminId).json();
        assertThat(bindings).hasSize(1);
        assertThat(bindings.get(0).get("roleName").asString()).isEqualTo("admin");
        assertThat(bindings.get(0).get("clusters").toString()).isEqualTo("[\"*\"]");
        assertThat(bindings.get(0).get("namespaces").toString()).isEqualTo("[\"*\"]");

        var review = review(admin, Map.of("verb", "delete", "cluster", "anywhere", "resource", "nodes"));
        assertThat(review.get(0).get("allowed").asBoolean()).isTrue();
        assertThat(review.get(0).get("explanation").asString()).isEqualTo("admin on cluster anywhere may delete nodes");
    }

    @Test
    void rolesAreCreatedReadChangedAndDeletedWithAnAuditTrail() {
        var admin = admin();
        String name = uniqueName("cert-reader");
        UUID id = createRole(
                admin, name, List.of(rule(List.of("get", "list"), List.of("cert-manager.io"), List.of("*"))));

        JsonNode role = admin.get("/api/rbac/roles/" + id).json();
        assertThat(role.get("name").asString()).isEqualTo(name);
        assertThat(role.get("builtin").asBoolean()).isFalse();
        assertThat(role.get("rules").get(0).get("apiGroups").get(0).asString()).isEqualTo("cert-manager.io");

        String renamed = name + "-x";
        var updated = admin.put(
                "/api/rbac/roles/" + id,
                json(Map.of(
                        "name",
                        renamed,
                        "rules",
                        List.of(rule(List.of("*"), List.of("cert-manager.io"), List.of("*"))))));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("rules").get(0).get("verbs").get(0).asString())
                .isEqualTo("*");

        assertThat(admin.delete("/api/rbac/roles/" + id).status()).isEqualTo(204);
        var gone = admin.get("/api/rbac/roles/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.errorCode()).isEqualTo("role_not_found");

        JsonNode audit = admin.get("/api/audit?action=rbac.role&actor=admin&limit=50")
                .json()
                .get("items");
        List<String> trail = new ArrayList<>();
        audit.forEach(e -> {
            if (e.get("target").asString().startsWith(name))
                trail.add(e.get("action").asString());
        });
        assertThat(trail).containsExactly("rbac.role.delete", "rbac.role.update", "rbac.role.create");
    }

    @Test
    void builtinRolesCannotBeChangedOrDeleted() {
        var admin = admin();
        UUID viewer = roleId(admin, "viewer");
        var put = admin.put("/api/rbac/roles/" + viewer, json(Map.of("name", "viewer", "rules", List.of())));
        assertThat(put.status()).isEqualTo(409);
        assertThat(put.errorCode()).isEqualTo("role_builtin");
        assertThat(put.errorMessage()).contains("viewer is built in");

        var delete = admin.delete("/api/rbac/roles/" + viewer);
        assertThat(delete.status()).isEqualTo(409);
        assertThat(delete.errorCode()).isEqualTo("role_builtin");
    }

    @Test
    void invalidRolesAre400NamingTheField() {
        var admin = admin();
        var badVerb = admin.post(
                "/api/rbac/roles",
                json(Map.of(
                        "name",
                        uniqueName("r"),
                        "rules",
                        List.of(rule(List.of("get", "destroy"), List.of(""), List.of("pods"))))));
        assertThat(badVerb.status()).isEqualTo(400);
        assertThat(badVerb.errorCode()).isEqualTo("invalid_request");
        assertThat(badVerb.errorMessage())
                .contains("rules[0].verbs[1]: 'destroy' is not a verb")
                .contains("get, list, watch, create, update, patch, delete, scale, restart, logs");

        var several = admin.post(
                "/api/rbac/roles",
                json(Map.of(
                        "name",
                        "Not Valid",
                        "rules",
                        List.of(Map.of("verbs", List.of("get"), "resources", List.of("Pods"))))));
        assertThat(several.status()).isEqualTo(400);
        assertThat(several.errorMessage())
                .contains("name: 'Not Valid' is not a valid role name")
                .contains("rules[0].apiGroups: needs at least one entry")
                .contains("rules[0].resources[0]: 'Pods' is not a resource");

        var noName = admin.post("/api/rbac/roles", json(Map.of("rules", List.of())));
        assertThat(noName.errorMessage()).contains("name: is required");

        var taken = admin.post("/api/rbac/roles", json(Map.of("name", "viewer", "rules", List.of())));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.errorCode()).isEqualTo("role_name_taken");
    }

    @Test
    void bindingsAreCreatedFilteredAndDeletedWithAnAuditTrail() {
        var admin = admin();
        String name = uniqueName("dev");
        UUID user = admin.createUser(name, "long-enough-pw", false);
        UUID viewer = roleId(admin, "viewer");

        UUID binding = bind(admin, user, viewer, List.of("staging", "prod", "prod"), List.of("shop"));
        JsonNode listed = admin.get("/api/rbac/bindings?userId=" + user).json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("username").asString()).isEqualTo(name);
        assertThat(listed.get(0).get("clusters").toString()).isEqualTo("[\"prod\",\"staging\"]");
        assertThat(admin.get("/api/rbac/bindings").body()).contains(binding.toString());

        var again = admin.post(
                "/api/rbac/bindings",
                json(Map.of(
                        "userId",
                        user,
                        "roleId",
                        viewer,
                        "clusters",
                        List.of("prod", "staging"),
                        "namespaces",
                        List.of("shop"))));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("binding_exists");

        var inUse = admin.delete("/api/rbac/roles/" + bindCustomRole(admin, user));
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.errorCode()).isEqualTo("role_in_use");

        assertThat(admin.delete("/api/rbac/bindings/" + binding).status()).isEqualTo(204);
        var gone = admin.delete("/api/rbac/bindings/" + binding);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.errorCode()).isEqualTo("binding_not_found");

        JsonNode audit =
                admin.get("/api/audit?action=rbac.binding&limit=50").json().get("items");
        List<String> trail = new ArrayList<>();
        audit.forEach(e -> {
            if (e.get("target").asString().equals(name))
                trail.add(e.get("action").asString());
        });
        assertThat(trail).containsExactly("rbac.binding.delete", "rbac.binding.create", "rbac.binding.create");
    }

    @Test
    void bindingsToUnknownUsersOrRolesAre404SayingWhich() {
        var admin = admin();
        UUID user = admin.createUser(uniqueName("u"), "long-enough-pw", false);
        var noUser =
                admin.post("/api/rbac/bindings", json(Map.of("userId", UNKNOWN, "roleId", roleId(admin, "viewer"))));
        assertThat(noUser.status()).isEqualTo(404);
        assertThat(noUser.errorCode()).isEqualTo("user_not_found");

        var noRole = admin.post("/api/rbac/bindings", json(Map.of("userId", user, "roleId", UNKNOWN)));
        assertThat(noRole.status()).isEqualTo(404);
        assertThat(noRole.errorCode()).isEqualTo("role_not_found");

        assertThat(admin.get("/api/rbac/bindings?userId=" + UNKNOWN).errorCode())
                .isEqualTo("user_not_found");

        var badScope = admin.post(
                "/api/rbac/bindings",
                json(Map.of("userId", user, "roleId", roleId(admin, "viewer"), "namespaces", List.of("Shop Floor"))));
        assertThat(badScope.status()).isEqualTo(400);
        assertThat(badScope.errorMessage()).contains("namespaces[0]: 'Shop Floor' is not a valid name");

        var missing = admin.post("/api/rbac/bindings", json(Map.of()));
        assertThat(missing.errorMessage()).contains("userId: is required").contains("roleId: is required");
    }

    @Test
    void onlyAdministratorsManageRolesButEveryoneMayReviewTheirOwnAccess() {
        var admin = admin();
        var person = newUser("plain");
        String name = person.name();
        UUID user = person.id();
        var plain = person.client();

        assertThat(plain.get("/api/rbac/roles").status()).isEqualTo(403);
        assertThat(plain.get("/api/rbac/bindings").status()).isEqualTo(403);
        assertThat(plain.post("/api/rbac/bindings", json(Map.of("userId", user, "roleId", roleId(admin, "admin"))))
                        .status())
                .isEqualTo(403);

        var check = Map.of("verb", "get", "cluster", "prod", "namespace", "shop", "apiGroup", "", "resource", "pods");
        var before = review(plain, check);
        assertThat(before.get(0).get("allowed").asBoolean()).isFalse();
        assertThat(before.get(0).get("explanation").asString()).isEqualTo(name + " has no role on cluster prod");

        // A new binding counts at once: the engine's cache is cleared when the change commits.
        UUID binding = bind(admin, user, roleId(admin, "viewer"), List.of("prod"), List.of("*"));
        var after = review(
                plain,
                check,
                Map.of("verb", "delete", "cluster", "prod", "namespace", "shop", "apiGroup", "", "resource", "pods"));
        assertThat(after.get(0).get("allowed").asBoolean()).isTrue();
        assertThat(after.get(1).get("allowed").asBoolean()).isFalse();
        assertThat(after.get(1).get("explanation").asString())
                .isEqualTo("viewer on cluster prod, namespace shop may not delete pods");

        admin.delete("/api/rbac/bindings/" + binding);
        assertThat(review(plain, check).get(0).get("allowed").asBoolean()).isFalse();
    }

    @Test
    void accessReviewRejectsUnknownVerbsNamingTheCheck() {
        var response = admin().post(
                        "/api/rbac/access-review",
                        json(Map.of(
                                "checks",
                                List.of(
                                        Map.of("verb", "get", "cluster", "prod", "resource", "pods"),
                                        Map.of("verb", "nuke", "cluster", "prod", "resource", "pods")))));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorMessage())
                .contains("checks[1].verb: 'nuke' is not a verb; use one of get, list, watch");

        var missing = admin().post("/api/rbac/access-review", json(Map.of("checks", List.of(Map.of("verb", "get")))));
        assertThat(missing.errorMessage())
                .contains("checks[0].cluster: is required")
                .contains("checks[0].resource");
    }

    private UUID bindCustomRole(ApiClient admin, UUID user) {
        UUID role =
                createRole(admin, uniqueName("custom"), List.of(rule(List.of("get"), List.of(""), List.of("pods"))));
        bind(admin, user, role, List.of("*"), List.of("*"));
        return role;
    }

    @SafeVarargs
    private static JsonNode review(ApiClient client, Map<String, String>... checks) {
        var response = client.post("/api/rbac/access-review", json(Map.of("checks", List.of(checks))));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("results");
    }
}
