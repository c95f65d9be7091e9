package dev.pilothouse.resource;

import static dev.pilothouse.support.ApiClient.json;
import static dev.pilothouse.support.ApiClient.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.support.ApiClient;
import dev.pilothouse.support.IntegrationTest;
import dev.pilothouse.support.StandInApiServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Server-side apply takes over another manager's fields only as previewed: the stand-in owns
 * {@code .spec.replicas} of Deployment payments/web for kube-controller-manager (an HPA), and
 * answers an apply without force as kube-apiserver does, 409 with a FieldManagerConflict cause.
 */
@IntegrationTest
class ApplyConflictsTest {

    static final String PATH = "/apis/apps/v1/namespaces/payments/deployments/web";
    static final String YAML = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: payments}
            spec:
              replicas: 3
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: nginx}]}
            """;

    @LocalServerPort
    int port;

    StandInApiServer apiServer;
    String cluster;
    ApiClient admin;

    @BeforeEach
    void start() throws Exception {
        apiServer = new StandInApiServer();
        apiServer.ownedBy(PATH, "kube-controller-manager", ".spec.replicas");
        admin = new ApiClient(port).loggedIn("admin", IntegrationTest.ADMIN_PASSWORD);
        cluster = uniqueName("ssa");
        var registered =
                admin.post("/api/clusters", json(Map.of("name", cluster, "kubeconfig", apiServer.kubeconfig())));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        admin.delete("/api/clusters/" + cluster);
        apiServer.close();
    }

    List<String> patches() {
        return apiServer.requests().stream().filter(r -> r.startsWith("PATCH ")).toList();
    }

    @Test
    void thePreviewNamesTheManagerWhoseFieldTheApplyTakesOver() {
        var preview = admin.post("/api/clusters/" + cluster + "/apply", json(Map.of("yaml", YAML, "dryRun", true)));

        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        var change = preview.json().at("/changes/0");
        assertThat(change.get("conflicts").toString())
                .isEqualTo("[{\"manager\":\"kube-controller-manager\",\"field\":\"spec.replicas\"}]");
        assertThat(change.get("diff").asString()).contains("+  replicas: 3");
        // First without force (refused), then forced, both as dry runs: nothing was changed.
        assertThat(patches()).hasSize(2).allSatisfy(p -> assertThat(p).contains("dryRun=All"));
        assertThat(patches().get(0)).doesNotContain("force=true");
        assertThat(patches().get(1)).contains("force=true");
    }

    @Test
    void aRealApplyThatWouldTakeOverUnpreviewedFieldsIsRefusedAndChangesNothing() {
        var refused = admin.post("/api/clusters/" + cluster + "/apply", json(Map.of("yaml", YAML)));

        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo("apply_conflict");
        assertThat(refused.errorMessage())
                .contains("spec.replicas from manager 'kube-controller-manager'")
                .contains("Preview the change again");
        assertThat(patches()).noneMatch(p -> p.contains("force=true") && !p.contains("dryRun"));
        var audited = admin.get("/api/audit?action=resource.apply&cluster=" + cluster)
                .json()
                .get("items")
                .get(0);
        assertThat(audited.get("outcome").asString()).isEqualTo("failure");
    }

    @Test
    void aRealApplyTakesOverExactlyWhatThePreviewShowed() {
        var applied = admin.post(
                "/api/clusters/" + cluster + "/apply",
                json(Map.of(
                        "yaml",
                        YAML,
                        "takeOver",
                        List.of(Map.of("manager", "kube-controller-manager", "field", "spec.replicas")))));

        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        assertThat(applied.json().at("/changes/0/conflicts/0/manager").asString())
                .isEqualTo("kube-controller-manager");
        assertThat(patches()).anyMatch(p -> p.contains("force=true") && !p.contains("dryRun"));
    }
}
