package dev.pilothouse.cluster.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo API server answers as a real one would for what the dashboard and assistant use. */
class DemoClusterTest {

    static DemoCluster demo = new DemoCluster();
    static KubernetesClient client;

    @BeforeAll
    static void start() {
        client = demo.client();
    }

    @AfterAll
    static void stop() {
        demo.stop();
    }

    @Test
    void crashLoopingPodKeepsItsStatusAndItsLogsSayWhy() {
        var pod = client.pods()
                .inNamespace("shop")
                .withName("checkout-api-5d8f7b9c4-tq7wz")
                .get();
        var status = pod.getStatus().getContainerStatuses().getFirst();
        assertThat(status.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
        assertThat(status.getRestartCount()).isEqualTo(14);

        String log = client.pods()
                .inNamespace("shop")
                .withName("checkout-api-5d8f7b9c4-tq7wz")
                .getLog();
        assertThat(log).contains("PAYMENTS_URL is not set");
        String previous = client.pods()
                .inNamespace("shop")
                .withName("checkout-api-5d8f7b9c4-tq7wz")
                .terminated()
                .getLog();
        assertThat(previous).contains("08:36:02");
        String tail = client.pods()
                .inNamespace("shop")
                .withName("checkout-api-5d8f7b9c4-tq7wz")
                .tailingLines(1)
                .getLog();
        assertThat(tail.strip()).contains("FATAL");
    }

    @Test
    void scalingADeploymentChangesItsPods() {
        var payments = client.apps().deployments().inNamespace("payments").withName("payments-api");
        payments.scale(4);
        assertThat(client.pods()
                        .inNamespace("payments")
                        .withLabel("app", "payments-api")
                        .list()
                        .getItems())
                .hasSize(4);
        assertThat(payments.get().getStatus().getReadyReplicas()).isEqualTo(4);
        payments.scale(1);
        assertThat(client.pods()
                        .inNamespace("payments")
                        .withLabel("app", "payments-api")
                        .list()
                        .getItems())
                .hasSize(1);
        assertThat(payments.get().getStatus().getReplicas()).isEqualTo(1);
    }

    @Test
    void objectsKeepTheirScenarioAges() {
        var web =
                client.apps().deployments().inNamespace("shop").withName("web").get();
        assertThat(java.time.Instant.parse(web.getMetadata().getCreationTimestamp()))
                .isBefore(java.time.Instant.now().minus(java.time.Duration.ofDays(29)));
    }

    @Test
    void theScenarioHasEachProblem() {
        assertThat(client.pods()
                        .inNamespace("payments")
                        .withName("payments-worker-6b7c9d8f5-h2kfl")
                        .get()
                        .getStatus()
                        .getContainerStatuses()
                        .getFirst()
                        .getState()
                        .getWaiting()
                        .getReason())
                .isEqualTo("ImagePullBackOff");
        assertThat(client.pods()
                        .inNamespace("payments")
                        .withName("ledger-84f6c7d9b-z5rtn")
                        .get()
                        .getStatus()
                        .getConditions()
                        .getFirst()
                        .getMessage())
                .contains("Insufficient cpu");
        assertThat(client.endpoints()
                        .inNamespace("payments")
                        .withName("ledger-api")
                        .get()
                        .getSubsets())
                .isNullOrEmpty();
        assertThat(client.autoscaling()
                        .v2()
                        .horizontalPodAutoscalers()
                        .inNamespace("shop")
                        .withName("web")
                        .get())
                .isNotNull();
        assertThat(client.v1().events().inAnyNamespace().list().getItems())
                .filteredOn(e -> "Warning".equals(e.getType()))
                .extracting(e -> e.getReason())
                .contains("BackOff", "Failed", "FailedScheduling", "NoEndpoints");
        assertThat(client.genericKubernetesResources("cert-manager.io/v1", "Certificate")
                        .inNamespace("shop")
                        .list()
                        .getItems())
                .hasSize(2);
    }

    @Test
    void discoveryListsBuiltInKindsTheCrdAndMetrics() {
        assertThat(client.getApiGroups().getGroups())
                .extracting(g -> g.getName())
                .contains("apps", "cert-manager.io", "metrics.k8s.io");
        assertThat(client.getApiResources("apps/v1").getResources())
                .extracting(r -> r.getName())
                .contains("deployments", "deployments/scale");
        assertThat(client.getKubernetesVersion().getGitVersion()).isEqualTo("v1.35.0");
    }

    @Test
    void metricsAreServedForRunningPodsAndNodes() {
        assertThat(client.top().pods().metrics("shop").getItems())
                .extracting(m -> m.getMetadata().getName())
                .contains("web-7c9f8d6b5-x2k4p")
                .doesNotContain("ledger-84f6c7d9b-z5rtn");
        assertThat(client.top().nodes().metrics().getItems()).hasSize(3);
    }

    @Test
    void dryRunsChangeNothing() {
        var web = client.apps().deployments().inNamespace("monitoring").withName("grafana");
        web.dryRun().delete();
        assertThat(web.get()).isNotNull();

        Deployment changed = web.get();
        changed.getMetadata().setManagedFields(null);
        changed.getSpec().setReplicas(7);
        Deployment preview = client.resource(changed)
                .dryRun()
                .fieldManager("pilothouse")
                .forceConflicts()
                .serverSideApply();
        assertThat(preview.getSpec().getReplicas()).isEqualTo(7);
        assertThat(web.get().getSpec().getReplicas()).isEqualTo(1);
    }

    @Test
    void serverSideApplyCreatesAndMerges() {
        var cm = new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata()
                .withName("applied")
                .withNamespace("default")
                .endMetadata()
                .addToData("a", "1")
                .build();
        client.resource(cm).fieldManager("pilothouse").forceConflicts().serverSideApply();
        cm.getData().put("b", "2");
        client.resource(cm).fieldManager("pilothouse").forceConflicts().serverSideApply();
        assertThat(client.configMaps()
                        .inNamespace("default")
                        .withName("applied")
                        .get()
                        .getData())
                .containsEntry("a", "1")
                .containsEntry("b", "2");
    }

    @Test
    void logsOfAnUnknownPodAre404() {
        assertThatThrownBy(
                        () -> client.pods().inNamespace("shop").withName("nope").getLog())
                .isInstanceOf(KubernetesClientException.class);
    }
}
