package dev.pilothouse.cluster;

import static dev.pilothouse.support.ApiClient.json;
import static dev.pilothouse.support.ApiClient.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.support.ServerTest;
import dev.pilothouse.support.SilentServer;
import dev.pilothouse.support.StandInApiServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class ClusterApiTest extends ServerTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void theDemoClusterIsRegisteredAndLabelledAsSimulated() {
        var admin = admin();
        var checked = admin.post("/api/clusters/demo/health-check", "");
        assertThat(checked.status()).as(checked.body()).isEqualTo(200);
        var demo = checked.json();
        assertThat(demo.get("source").asString()).isEqualTo("demo");
        assertThat(demo.get("label").asString()).isEqualTo("Demo (simulated)");
        assertThat(demo.at("/health/status").asString()).isEqualTo("reachable");
        assertThat(demo.at("/health/serverVersion").asString()).isEqualTo("v1.35.0");
    }

    @Test
    void anUnreachableClusterReportsWithinTheTimeoutWhileOthersAnswer() throws Exception {
        var admin = admin();
        String name = uniqueName("silent");
        try (var silent = new SilentServer()) {
            long started = System.nanoTime();
            var registered =
                    admin.post("/api/clusters", json(Map.of("name", name, "kubeconfig", silent.kubeconfig("ctx"))));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(registered.status()).as(registered.body()).isEqualTo(201);
            assertThat(registered.json().at("/health/status").asString()).isEqualTo("unreachable");
            assertThat(registered.json().at("/health/error").asString()).contains("did not answer within 2 s");
            assertThat(took).isLessThan(Duration.ofSeconds(6));

            long listStarted = System.nanoTime();
            var pods = admin.get("/api/clusters/demo/resources/pods?namespace=shop");
            assertThat(pods.status()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - listStarted)).isLessThan(Duration.ofSeconds(2));

            var call = admin.get("/api/clusters/" + name + "/resources/pods");
            assertThat(call.status()).isEqualTo(502);
            assertThat(call.errorCode()).isEqualTo("cluster_unreachable");
            assertThat(call.errorMessage()).contains(name);
        } finally {
            admin.delete("/api/clusters/" + name);
        }
    }

    @Test
    void theKubeconfigIsEncryptedAndNeverReturned() throws Exception {
        var admin = admin();
        String name = uniqueName("secretive");
        try (var silent = new SilentServer()) {
            admin.post("/api/clusters", json(Map.of("name", name, "kubeconfig", silent.kubeconfig("ctx"))));
            String row = jdbc.sql("SELECT row_to_json(c)::text FROM clusters c WHERE name = ?")
                    .param(name)
                    .query(String.class)
                    .single();
            assertThat(row).doesNotContain("secret-token-abc123").doesNotContain("insecure-skip-tls-verify");
            var shown = admin.get("/api/clusters/" + name);
            assertThat(shown.body()).doesNotContain("secret-token-abc123").doesNotContain("\"kubeconfig\":");
            assertThat(shown.json().get("server").asString()).isEqualTo("https://127.0.0.1:" + silent.port());
        } finally {
            admin.delete("/api/clusters/" + name);
        }
    }

    @Test
    void invalidKubeconfigsAre400NamingTheProblem() {
        var admin = admin();
        var notYaml = admin.post("/api/clusters", json(Map.of("name", "broken", "kubeconfig", "clusters: [unclosed")));
        assertThat(notYaml.status()).isEqualTo(400);
        assertThat(notYaml.errorCode()).isEqualTo("invalid_kubeconfig");

        var noContexts = admin.post(
                "/api/clusters", json(Map.of("name", "broken", "kubeconfig", "apiVersion: v1\nkind: Config\n")));
        assertThat(noContexts.errorMessage()).contains("no contexts");

        String missingCluster = """
                apiVersion: v1
                kind: Config
                contexts:
                - name: prod
                  context: {cluster: prod-cluster, user: me}
                users:
                - name: me
                  user: {token: x}
                """;
        var noServer = admin.post("/api/clusters", json(Map.of("name", "broken", "kubeconfig", missingCluster)));
        assertThat(noServer.errorMessage()).contains("prod-cluster").contains("server");

        var wrongContext = admin.post(
                "/api/clusters", json(Map.of("name", "broken", "kubeconfig", missingCluster, "context", "staging")));
        assertThat(wrongContext.errorMessage()).contains("no context 'staging'").contains("prod");

        var badName = admin.post("/api/clusters", json(Map.of("name", "Bad Name", "kubeconfig", missingCluster)));
        assertThat(badName.errorCode()).isEqualTo("invalid_cluster_name");
    }

    @Test
    void anUploadedKubeconfigMayNotRunProgramsOrReadServerFiles() {
        var admin = admin();
        String exec = """
                apiVersion: v1
                kind: Config
                clusters: [{name: eks, cluster: {server: "https://127.0.0.1:1"}}]
                users:
                - name: aws
                  user:
                    exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: aws, args: [eks, get-token]}
                contexts: [{name: prod, context: {cluster: eks, user: aws}}]
                """;
        var refused = admin.post("/api/clusters", json(Map.of("name", uniqueName("eks"), "kubeconfig", exec)));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorMessage()).contains("running 'aws'").contains("does not run programs");

        String files = exec.replace(
                "exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: aws, args: [eks, get-token]}",
                "client-certificate: /etc/ssl/private/admin.crt");
        var fileRef = admin.post("/api/clusters", json(Map.of("name", uniqueName("eks"), "kubeconfig", files)));
        assertThat(fileRef.status()).isEqualTo(400);
        assertThat(fileRef.errorMessage()).contains("refers to files on disk");
    }

    @Test
    void aProgramHiddenInAnotherEntryOfTheKubeconfigNeverRuns() throws Exception {
        var admin = admin();
        java.nio.file.Path marker =
                java.nio.file.Files.createTempDirectory("kubeconfig").resolve("ran");
        String exec = "{exec: {apiVersion: client.authentication.k8s.io/v1, command: /bin/sh, args: [-c, 'touch "
                + marker + "; echo {}']}}";
        // fabric8 reads the last entry of a name; a check of the first alone would pass this file.
        String duplicateUser = """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
                users:
                - {name: u, user: {token: t}}
                - {name: u, user: %s}
                contexts: [{name: prod, context: {cluster: c, user: u}}]
                """.formatted(exec);
        var duplicate =
                admin.post("/api/clusters", json(Map.of("name", uniqueName("dup"), "kubeconfig", duplicateUser)));
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.errorMessage()).contains("'u' appears more than once under 'users'");

        // A clean chosen context with a program behind another one, which a later PATCH could choose.
        String otherContext = """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
                users:
                - {name: clean, user: {token: t}}
                - {name: evil, user: %s}
                contexts:
                - {name: a, context: {cluster: c, user: clean}}
                - {name: b, context: {cluster: c, user: evil}}
                """.formatted(exec);
        var other = admin.post(
                "/api/clusters", json(Map.of("name", uniqueName("ctx"), "kubeconfig", otherContext, "context", "a")));
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.errorMessage()).contains("User 'evil' gets its credentials by running '/bin/sh'");

        assertThat(marker).as("no program from an uploaded kubeconfig ran").doesNotExist();
    }

    @Test
    void contextsOfAKubeconfigAreListedForChoosing() throws Exception {
        try (var silent = new SilentServer()) {
            var contexts = admin().post(
                            "/api/clusters/kubeconfig-contexts",
                            json(Map.of("kubeconfig", silent.kubeconfig("prod-eu"))));
            assertThat(contexts.status()).isEqualTo(200);
            assertThat(contexts.json().get(0).get("name").asString()).isEqualTo("prod-eu");
            assertThat(contexts.json().get(0).get("current").asBoolean()).isTrue();
        }
    }

    @Test
    void registeringAndRemovingIsAuditedAndRemovedClustersAre404() throws Exception {
        var admin = admin();
        String name = uniqueName("temp");
        try (var silent = new SilentServer()) {
            assertThat(admin.post("/api/clusters", json(Map.of("name", name, "kubeconfig", silent.kubeconfig("ctx"))))
                            .status())
                    .isEqualTo(201);
            var duplicate =
                    admin.post("/api/clusters", json(Map.of("name", name, "kubeconfig", silent.kubeconfig("ctx"))));
            assertThat(duplicate.status()).isEqualTo(409);
            assertThat(admin.delete("/api/clusters/" + name).status()).isEqualTo(204);
        }
        var gone = admin.get("/api/clusters/" + name);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.errorCode()).isEqualTo("cluster_not_found");
        assertThat(gone.errorMessage()).contains(name);
        assertThat(admin.get("/api/audit?cluster=" + name).json().get("items"))
                .extracting(i -> i.get("action").asString())
                .contains("cluster.register", "cluster.remove");
    }

    @Test
    void editingChangesOnlyWhatIsSentAndIsAudited() throws Exception {
        var admin = admin();
        String name = uniqueName("edit");
        try (var silent = new SilentServer()) {
            admin.post(
                    "/api/clusters",
                    json(Map.of("name", name, "displayName", "Staging EU", "kubeconfig", silent.kubeconfig("ctx"))));

            var renamed =
                    admin.patch("/api/clusters/" + name, "{\"displayName\":\"Staging (EU)\",\"impersonate\":true}");
            assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
            assertThat(renamed.json().path("displayName").asString()).isEqualTo("Staging (EU)");
            assertThat(renamed.json().path("impersonate").asBoolean()).isTrue();
            assertThat(renamed.json().path("context").asString()).isEqualTo("ctx");

            var cleared = admin.patch("/api/clusters/" + name, "{\"displayName\":\"  \"}");
            assertThat(cleared.json().path("displayName").asString()).isEqualTo(name);
            assertThat(cleared.json().path("impersonate").asBoolean()).isTrue();

            var audit = admin.get("/api/audit?action=cluster.update&cluster=" + name)
                    .json()
                    .path("items");
            assertThat(audit).hasSize(2);
            assertThat(audit.get(1).path("details").toString()).contains("Staging (EU)", "impersonate");
        } finally {
            admin.delete("/api/clusters/" + name);
        }
        var demo = admin.patch("/api/clusters/demo", "{\"kubeconfig\":\"apiVersion: v1\"}");
        assertThat(demo.status()).isEqualTo(400);
        assertThat(demo.errorMessage()).contains("does not use a kubeconfig");
    }

    @Test
    void outsideAPodTheClusterItRunsInCannotBeRegistered() {
        var refused = admin().post("/api/clusters", json(Map.of("name", uniqueName("self"), "inCluster", true)));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("not_in_cluster");
        assertThat(refused.errorMessage()).contains("register the cluster with a kubeconfig instead");
    }

    @Test
    void onlyAdministratorsRegisterClusters() {
        var user = newUser("plain").client();
        assertThat(user.get("/api/clusters").status()).isEqualTo(200);
        assertThat(user.post("/api/clusters", json(Map.of("name", "x", "kubeconfig", "x")))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void aPlainHttpServerIsAcceptedWithAWarningThatIsListedAndAudited() throws Exception {
        var admin = admin();
        String name = uniqueName("plain");
        try (var apiServer = new StandInApiServer()) {
            var registered =
                    admin.post("/api/clusters", json(Map.of("name", name, "kubeconfig", apiServer.kubeconfig())));

            assertThat(registered.status()).as(registered.body()).isEqualTo(201);
            assertThat(registered.json().at("/warnings/0").asString())
                    .contains("plain http://")
                    .contains("Use an https:// address");
            var listed = admin.get("/api/clusters").json();
            for (var cluster : listed) {
                if (cluster.get("name").asString().equals(name)) {
                    assertThat(cluster.get("warnings")).hasSize(1);
                } else if (cluster.get("name").asString().equals("demo")) {
                    assertThat(cluster.get("warnings")).isEmpty();
                }
            }
            var audited = admin.get("/api/audit?action=cluster.register&cluster=" + name)
                    .json()
                    .get("items")
                    .get(0);
            assertThat(audited.at("/details/warnings/0").asString()).contains("plain http://");
        } finally {
            admin.delete("/api/clusters/" + name);
        }
    }

    @Test
    void anHttpsServerHasNoWarning() throws Exception {
        var admin = admin();
        String name = uniqueName("tls");
        try (var silent = new SilentServer()) {
            var registered =
                    admin.post("/api/clusters", json(Map.of("name", name, "kubeconfig", silent.kubeconfig("ctx"))));
            assertThat(registered.json().get("warnings")).isEmpty();
        } finally {
            admin.delete("/api/clusters/" + name);
        }
    }
}
