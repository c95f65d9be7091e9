package dev.pilothouse.cluster;

import static dev.pilothouse.support.ApiClient.json;
import static dev.pilothouse.support.ApiClient.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.support.ApiClient;
import dev.pilothouse.support.IntegrationTest;
import dev.pilothouse.support.StandInApiServer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A registration that does not say whether to impersonate asks the cluster (SelfSubjectAccessReview
 * for impersonate on users and groups) and impersonates when the kubeconfig's identity may.
 */
@IntegrationTest
class ImpersonationDefaultTest {

    static final String REVIEWS = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";

    @LocalServerPort
    int port;

    StandInApiServer apiServer;
    ApiClient admin;
    String name;

    @BeforeEach
    void start() throws Exception {
        apiServer = new StandInApiServer();
        admin = new ApiClient(port).loggedIn("admin", IntegrationTest.ADMIN_PASSWORD);
        name = uniqueName("imp");
    }

    @AfterEach
    void stop() {
        admin.delete("/api/clusters/" + name);
        apiServer.close();
    }

    void clusterSays(boolean allowed) {
        apiServer.answerInstead(
                REVIEWS,
                "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfSubjectAccessReview\","
                        + "\"spec\":{\"resourceAttributes\":{\"verb\":\"impersonate\",\"resource\":\"users\"}},"
                        + "\"status\":{\"allowed\":" + allowed + "}}");
    }

    long reviews() {
        return apiServer.requests().stream()
                .filter(r -> r.startsWith("POST " + REVIEWS))
                .count();
    }

    @Test
    void anIdentityThatMayImpersonateGetsImpersonationOnByDefault() {
        clusterSays(true);
        var registered = admin.post("/api/clusters", json(Map.of("name", name, "kubeconfig", apiServer.kubeconfig())));

        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        assertThat(registered.json().get("impersonate").asBoolean()).isTrue();
        assertThat(reviews()).isEqualTo(2);
        var audited = admin.get("/api/audit?action=cluster.register&cluster=" + name)
                .json()
                .get("items")
                .get(0);
        assertThat(audited.at("/details/impersonate").asBoolean()).isTrue();
        assertThat(audited.at("/details/impersonateDecision").asString()).contains("may impersonate users and groups");
    }

    @Test
    void anIdentityThatMayNotStaysWithoutImpersonation() {
        clusterSays(false);
        var registered = admin.post("/api/clusters", json(Map.of("name", name, "kubeconfig", apiServer.kubeconfig())));

        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        assertThat(registered.json().get("impersonate").asBoolean()).isFalse();
    }

    @Test
    void anExplicitChoiceIsKeptAndTheClusterIsNotAsked() {
        clusterSays(true);
        var registered = admin.post(
                "/api/clusters",
                json(Map.of("name", name, "kubeconfig", apiServer.kubeconfig(), "impersonate", false)));

        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        assertThat(registered.json().get("impersonate").asBoolean()).isFalse();
        assertThat(reviews()).isZero();
    }
}
