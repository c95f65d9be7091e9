package dev.pilothouse.cluster;

import static dev.pilothouse.support.ApiClient.json;
import static dev.pilothouse.support.ApiClient.uniqueName;
import static dev.pilothouse.support.RbacFixtures.bind;
import static dev.pilothouse.support.RbacFixtures.roleId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.support.ApiClient;
import dev.pilothouse.support.IntegrationTest;
import dev.pilothouse.support.SilentServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class ClusterVisibilityTest {

    @LocalServerPort
    int port;

    @Test
    void aUserSeesOnlyTheClustersTheyHoldARoleOnAndAdminsSeeAll() throws Exception {
        var admin = new ApiClient(port).loggedIn("admin", IntegrationTest.ADMIN_PASSWORD);
        String hidden = uniqueName("hidden");
        String username = uniqueName("demo-only");
        try (var silent = new SilentServer()) {
            var registered =
                    admin.post("/api/clusters", json(Map.of("name", hidden, "kubeconfig", silent.kubeconfig("ctx"))));
            assertThat(registered.status()).as(registered.body()).isEqualTo(201);
            var user = admin.createUser(username, "long-enough-pw", false);
            bind(admin, user, roleId(admin, "viewer"), List.of("demo"), List.of("*"));
            var viewer = new ApiClient(port).loggedIn(username, "long-enough-pw");

            var listed = viewer.get("/api/clusters");
            assertThat(listed.status()).isEqualTo(200);
            assertThat(names(listed)).containsExactly("demo");
            assertThat(listed.body()).doesNotContain(hidden).doesNotContain("127.0.0.1:" + silent.port());

            var one = viewer.get("/api/clusters/" + hidden);
            assertThat(one.status()).isEqualTo(404);
            assertThat(one.errorCode()).isEqualTo("cluster_not_found");
            assertThat(one.body()).doesNotContain("did not answer");
            var check = viewer.post("/api/clusters/" + hidden + "/health-check", "");
            assertThat(check.status()).isEqualTo(404);
            assertThat(check.body()).doesNotContain("did not answer");
            assertThat(viewer.get("/api/clusters/demo").status()).isEqualTo(200);

            assertThat(names(admin.get("/api/clusters"))).contains("demo", hidden);
            assertThat(admin.get("/api/clusters/" + hidden).status()).isEqualTo(200);
        } finally {
            admin.delete("/api/clusters/" + hidden);
        }
    }

    @Test
    void aUserWithNoRoleSeesNoCluster() {
        var admin = new ApiClient(port).loggedIn("admin", IntegrationTest.ADMIN_PASSWORD);
        String username = uniqueName("nobody");
        admin.createUser(username, "long-enough-pw", false);
        var nobody = new ApiClient(port).loggedIn(username, "long-enough-pw");
        var listed = nobody.get("/api/clusters");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(names(listed)).isEmpty();
        assertThat(nobody.get("/api/clusters/demo").status()).isEqualTo(404);
    }

    private static List<String> names(ApiClient.Response response) {
        List<String> names = new ArrayList<>();
        response.json().forEach(c -> names.add(c.get("name").asString()));
        return names;
    }
}
