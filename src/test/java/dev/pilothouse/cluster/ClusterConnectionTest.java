package dev.pilothouse.cluster;

import static dev.pilothouse.support.ApiClient.json;
import static dev.pilothouse.support.ApiClient.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.cluster.demo.BlankApiServer;
import dev.pilothouse.support.ServerTest;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/** How Pilothouse talks to a real API server: impersonation, and importing a kubeconfig file. */
class ClusterConnectionTest extends ServerTest {

    @Autowired
    ClusterBootstrap bootstrap;

    @Autowired
    ClusterManager clusters;

    KubernetesMockServer apiServer;

    @BeforeEach
    void start() {
        apiServer = BlankApiServer.start();
    }

    @AfterEach
    void stop() {
        apiServer.destroy();
    }

    String kubeconfig(String... contexts) {
        var sb = new StringBuilder("apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: \"")
                .append(apiServer.url("/"))
                .append("\"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts:\n");
        for (String context : contexts)
            sb.append("- {name: \"").append(context).append("\", context: {cluster: c, user: u}}\n");
        return sb.append("current-context: \"")
                .append(contexts[0])
                .append("\"\n")
                .toString();
    }

    List<RecordedRequest> requests() throws InterruptedException {
        List<RecordedRequest> all = new ArrayList<>();
        RecordedRequest r;
        while ((r = apiServer.takeRequest(100, TimeUnit.MILLISECONDS)) != null) all.add(r);
        return all;
    }

    @Test
    void anImpersonatingClusterSendsTheDashboardUser() throws Exception {
        var admin = admin();
        String cluster = uniqueName("imp");
        admin.post(
                "/api/clusters", json(Map.of("name", cluster, "kubeconfig", kubeconfig("ctx"), "impersonate", true)));
        var viewer = userWithRole("viewer", List.of(cluster), List.of("*"));
        String user = viewer.name();
        requests();

        var listed = viewer.client().get("/api/clusters/" + cluster + "/resources/pods?namespace=default");

        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(requests())
                .filteredOn(r -> r.getPath().startsWith("/api/v1/namespaces/default/pods"))
                .isNotEmpty()
                .allSatisfy(r -> {
                    assertThat(r.getHeader("Impersonate-User")).isEqualTo(user);
                    assertThat(r.getHeader("Impersonate-Group")).isEqualTo(ClusterManager.IMPERSONATED_GROUP);
                });
        admin.delete("/api/clusters/" + cluster);
    }

    @Test
    void withoutImpersonationPilothouseActsAsItself() throws Exception {
        var admin = admin();
        String cluster = uniqueName("plain");
        admin.post("/api/clusters", json(Map.of("name", cluster, "kubeconfig", kubeconfig("ctx"))));
        requests();
        assertThat(admin.get("/api/clusters/" + cluster + "/resources/pods?namespace=default")
                        .status())
                .isEqualTo(200);
        assertThat(requests())
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.getHeader("Impersonate-User")).isNull());
        admin.delete("/api/clusters/" + cluster);
    }

    @Test
    void importingAKubeconfigRegistersEachContext(@TempDir Path dir) throws Exception {
        String a = uniqueName("arn:aws:eks:eu-west-1:123:cluster/prod");
        String b = uniqueName("Staging_EU");
        Path file = dir.resolve("config");
        Files.writeString(file, kubeconfig(a, b));

        bootstrap.importKubeconfig(file);

        String nameA = ClusterBootstrap.clusterName(a);
        String nameB = ClusterBootstrap.clusterName(b);
        assertThat(nameA).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?").endsWith(a.substring(a.length() - 8));
        assertThat(clusters.get(nameA).context()).isEqualTo(a);
        assertThat(clusters.get(nameB).source()).isEqualTo(ClusterSource.KUBECONFIG);
        clusters.remove("test", nameA);
        clusters.remove("test", nameB);
    }
}
