package dev.pilothouse.resource;

import static dev.pilothouse.support.ApiClient.json;
import static dev.pilothouse.support.ApiClient.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.cluster.demo.BlankApiServer;
import dev.pilothouse.support.ApiClient;
import dev.pilothouse.support.ServerTest;
import dev.pilothouse.support.StandInApiServer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Names and namespaces that are not Kubernetes names never reach a URL. fabric8 does not escape
 * path segments, so before this a namespace {@code payments/secrets/db-credentials#} turned a
 * ConfigMap read (allowed) into a Secret read (not allowed). Every endpoint that takes a name or
 * namespace is tried as a viewer and as an operator against fabric8's mock server and against a
 * stand-in that answers as kube-apiserver does; what the API server received is asserted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NameInjectionTest extends ServerTest {

    StandInApiServer standIn;
    KubernetesMockServer mock;
    String standInCluster;
    String mockCluster;
    ApiClient admin;
    final Map<String, ApiClient> users = new java.util.HashMap<>();

    @BeforeAll
    void start() throws Exception {
        admin = admin();
        standIn = new StandInApiServer();
        standInCluster = uniqueName("standin");
        registerCluster(standInCluster, standIn.kubeconfig());

        mock = BlankApiServer.start();
        try (var client = mock.createClient()) {
            client.namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName("payments")
                            .endMetadata()
                            .build())
                    .create();
            client.configMaps()
                    .inNamespace("payments")
                    .resource(new ConfigMapBuilder()
                            .withNewMetadata()
                            .withName("settings")
                            .endMetadata()
                            .addToData("mode", "fast")
                            .build())
                    .create();
            client.secrets()
                    .inNamespace("payments")
                    .resource(new SecretBuilder()
                            .withNewMetadata()
                            .withName("db-credentials")
                            .endMetadata()
                            .addToData("password", "aHVudGVyMg==")
                            .build())
                    .create();
            client.pods()
                    .inNamespace("payments")
                    .resource(new PodBuilder()
                            .withNewMetadata()
                            .withName("web-1")
                            .endMetadata()
                            .withNewSpec()
                            .addNewContainer()
                            .withName("web")
                            .withImage("nginx")
                            .endContainer()
                            .endSpec()
                            .build())
                    .create();
            client.apps()
                    .deployments()
                    .inNamespace("payments")
                    .resource(new DeploymentBuilder()
                            .withNewMetadata()
                            .withName("web")
                            .endMetadata()
                            .withNewSpec()
                            .withReplicas(1)
                            .withNewSelector()
                            .addToMatchLabels("app", "web")
                            .endSelector()
                            .withNewTemplate()
                            .withNewMetadata()
                            .addToLabels("app", "web")
                            .endMetadata()
                            .withNewSpec()
                            .addNewContainer()
                            .withName("web")
                            .withImage("nginx")
                            .endContainer()
                            .endSpec()
                            .endTemplate()
                            .endSpec()
                            .build())
                    .create();
        }
        mockCluster = uniqueName("mock");
        registerCluster(mockCluster, mockKubeconfig());

        for (String role : List.of("viewer", "operator")) {
            users.put(
                    role,
                    userWithRole(role, List.of(standInCluster, mockCluster), List.of("*"))
                            .client());
        }
    }

    @AfterAll
    void stop() {
        admin.delete("/api/clusters/" + standInCluster);
        admin.delete("/api/clusters/" + mockCluster);
        standIn.close();
        mock.destroy();
    }

    String mockKubeconfig() {
        return """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "%s"}}]
                users: [{name: u, user: {token: t}}]
                contexts: [{name: c, context: {cluster: c, user: u}}]
                current-context: c
                """.formatted(mock.url("/"));
    }

    /** What the API server received since the last call, raw; discovery left out. */
    List<String> received(String server) throws InterruptedException {
        if (server.equals("stand-in")) {
            List<String> all = standIn.objectRequests();
            standIn.forget();
            return all;
        }
        List<String> all = new ArrayList<>();
        RecordedRequest r;
        while ((r = mock.takeRequest(5, TimeUnit.MILLISECONDS)) != null) {
            String line = r.getMethod() + " " + r.getPath();
            if (!line.matches("GET /apis?(/[^/?]+(/v1)?)?/?|GET /version")) all.add(line);
        }
        return all;
    }

    String cluster(String server) {
        return server.equals("stand-in") ? standInCluster : mockCluster;
    }

    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Namespaces as an attacker (or a prompt-injected model) would send them. */
    static final List<String> BAD_NAMESPACES = List.of(
            "payments/secrets/db-credentials#",
            "payments/secrets?",
            "..",
            ".",
            "Payments",
            "pay%2Fments",
            "☃",
            "pay ments",
            "pay\u0000ments",
            "a".repeat(64));

    /** Names in a path segment: Tomcat refuses an encoded '/', so these are the rest. */
    static final List<String> BAD_NAMES =
            List.of("x?", "settings#", "☃", "a b", "UPPER", "100%", "x;y", "a".repeat(254));

    record Attempt(String what, String field, Function<ApiClient, ApiClient.Response> call) {}

    List<Attempt> attempts(String cluster) {
        String base = "/api/clusters/" + cluster;
        List<Attempt> all = new ArrayList<>();
        for (String ns : BAD_NAMESPACES) {
            String n = q(ns);
            all.add(new Attempt("list " + ns, "namespace", c -> c.get(base + "/resources/configmaps?namespace=" + n)));
            all.add(new Attempt(
                    "get " + ns, "namespace", c -> c.get(base + "/resources/configmaps/settings?namespace=" + n)));
            all.add(new Attempt(
                    "yaml " + ns,
                    "namespace",
                    c -> c.get(base + "/resources/configmaps/settings?format=yaml&namespace=" + n)));
            all.add(new Attempt(
                    "describe " + ns,
                    "namespace",
                    c -> c.get(base + "/resources/configmaps/settings/describe?namespace=" + n)));
            all.add(new Attempt("events " + ns, "namespace", c -> c.get(base + "/events?namespace=" + n)));
            all.add(new Attempt("metrics " + ns, "namespace", c -> c.get(base + "/metrics/pods?namespace=" + n)));
            all.add(new Attempt("search " + ns, "namespace", c -> c.get(base + "/search?q=db&namespace=" + n)));
            all.add(new Attempt(
                    "delete " + ns,
                    "namespace",
                    c -> c.delete(base + "/resources/configmaps/settings?namespace=" + n)));
            all.add(new Attempt(
                    "scale " + ns,
                    "namespace",
                    c -> c.post(
                            base + "/resources/deployments/web/scale", json(Map.of("namespace", ns, "replicas", 2)))));
            all.add(new Attempt(
                    "restart " + ns,
                    "namespace",
                    c -> c.post(base + "/resources/deployments/web/restart", json(Map.of("namespace", ns)))));
            all.add(new Attempt(
                    "apply metadata.namespace " + ns,
                    "metadata.namespace",
                    c -> c.post(
                            base + "/apply",
                            json(Map.of(
                                    "yaml",
                                    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: "
                                            + json(ns) + "\n")))));
            all.add(new Attempt(
                    "apply default namespace " + ns,
                    "namespace",
                    c -> c.post(
                            base + "/apply",
                            json(Map.of(
                                    "yaml",
                                    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n",
                                    "namespace",
                                    ns)))));
        }
        for (String ns : BAD_NAMESPACES) {
            if (ns.contains("/") || ns.startsWith(".")) continue; // not expressible as one path segment
            String n = q(ns).replace("+", "%20");
            all.add(new Attempt(
                    "logs ns " + ns, "namespace", c -> c.get(base + "/namespaces/" + n + "/pods/web-1/logs")));
            all.add(new Attempt(
                    "follow ns " + ns,
                    "namespace",
                    c -> c.get(base + "/namespaces/" + n + "/pods/web-1/logs?follow=true")));
        }
        for (String name : BAD_NAMES) {
            String n = q(name).replace("+", "%20");
            all.add(new Attempt(
                    "get name " + name,
                    "name",
                    c -> c.get(base + "/resources/configmaps/" + n + "?namespace=payments")));
            all.add(new Attempt(
                    "describe name " + name,
                    "name",
                    c -> c.get(base + "/resources/configmaps/" + n + "/describe?namespace=payments")));
            all.add(new Attempt(
                    "delete name " + name,
                    "name",
                    c -> c.delete(base + "/resources/configmaps/" + n + "?namespace=payments")));
            all.add(new Attempt(
                    "scale name " + name,
                    "name",
                    c -> c.post(
                            base + "/resources/deployments/" + n + "/scale",
                            json(Map.of("namespace", "payments", "replicas", 2)))));
            all.add(new Attempt(
                    "restart name " + name,
                    "name",
                    c -> c.post(
                            base + "/resources/deployments/" + n + "/restart", json(Map.of("namespace", "payments")))));
            all.add(new Attempt(
                    "logs pod " + name, "name", c -> c.get(base + "/namespaces/payments/pods/" + n + "/logs")));
            all.add(new Attempt(
                    "follow pod " + name,
                    "name",
                    c -> c.get(base + "/namespaces/payments/pods/" + n + "/logs?follow=true")));
            all.add(new Attempt(
                    "logs container " + name,
                    "container",
                    c -> c.get(base + "/namespaces/payments/pods/web-1/logs?container=" + q(name))));
            if (!name.equals("UPPER") && !name.equals("x;y")) { // a filter on events, not part of a URL
                all.add(new Attempt(
                        "events object " + name,
                        "name",
                        c -> c.get(base + "/events?namespace=payments&name=" + q(name))));
            }
            all.add(new Attempt(
                    "apply metadata.name " + name,
                    "metadata.name",
                    c -> c.post(
                            base + "/apply",
                            json(Map.of(
                                    "yaml",
                                    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + json(name)
                                            + "\n  namespace: payments\n")))));
        }
        return all;
    }

    static Stream<Arguments> serversAndRoles() {
        return Stream.of(
                Arguments.of("stand-in", "viewer"),
                Arguments.of("stand-in", "operator"),
                Arguments.of("fabric8 mock", "viewer"),
                Arguments.of("fabric8 mock", "operator"));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("serversAndRoles")
    void noBadNameReachesTheApiServer(String server, String role) throws Exception {
        ApiClient user = users.get(role);
        user.get("/api/clusters/" + cluster(server) + "/kinds"); // discovery, once
        received(server);
        var softly = new SoftAssertions();
        for (Attempt attempt : attempts(cluster(server))) {
            var response = attempt.call().apply(user);
            softly.assertThat(response.status())
                    .as(attempt.what() + ": " + response.body())
                    .isEqualTo(400);
            boolean inPath =
                    List.of("logs ns", "follow ns", "get name", "describe name", "delete name", "scale name").stream()
                                    .anyMatch(attempt.what()::startsWith)
                            || attempt.what().startsWith("restart name")
                            || attempt.what().startsWith("logs pod")
                            || attempt.what().startsWith("follow pod");
            if (attempt.what().contains("\u0000")
                    || inPath && List.of("%", ";").stream().anyMatch(attempt.what()::contains)) {
                // A NUL anywhere, or an encoded '%' or ';' in the path, is refused before the resource
                // API (by the NUL filter, the servlet container or Spring Security's firewall): in JSON.
                softly.assertThat(response.body()).as(attempt.what()).startsWith("{\"error\":");
            } else {
                softly.assertThat(response.body())
                        .as(attempt.what())
                        .contains("\"code\":\"invalid_name\"")
                        .contains(attempt.field());
            }
            softly.assertThat(response.body()).as(attempt.what()).doesNotContain("aHVudGVyMg==");
            softly.assertThat(received(server))
                    .as(attempt.what() + ": what the API server received")
                    .isEmpty();
        }
        softly.assertAll();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void aValidReadGoesToThePathOfTheObjectAskedFor(String server) throws Exception {
        var viewer = users.get("viewer");
        String base = "/api/clusters/" + cluster(server);
        viewer.get(base + "/kinds");
        received(server);

        var got = viewer.get(base + "/resources/configmaps/settings?namespace=payments");
        assertThat(got.status()).as(got.body()).isEqualTo(200);
        assertThat(got.json().at("/data/mode").asString()).isEqualTo("fast");
        assertThat(received(server)).containsExactly("GET /api/v1/namespaces/payments/configmaps/settings");

        var logs = viewer.get(base + "/namespaces/payments/pods/web-1/logs?container=web&tailLines=5");
        assertThat(received(server))
                .filteredOn(r -> r.contains("/log"))
                .singleElement()
                .satisfies(r -> assertThat(r).startsWith("GET /api/v1/namespaces/payments/pods/web-1/log?"));
        assertThat(logs.status()).isIn(200, 400);
    }

    static Stream<String> servers() {
        return Stream.of("stand-in", "fabric8 mock");
    }

    @Test
    void secretsListedWithoutKindAreMaskedForAViewer() {
        var viewer = users.get("viewer");
        var listed = viewer.get("/api/clusters/" + standInCluster + "/resources/secrets?namespace=payments");
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.json().at("/items/0/data/password").asString()).isEqualTo("••••••");
        assertThat(listed.body()).doesNotContain("aHVudGVyMg==");
    }

    @Test
    void anAnswerOfAnotherKindIsRefusedAndItsValuesNotShown() {
        var viewer = users.get("viewer");
        String secret = StandInApiServer.obj(
                "v1", "Secret", "payments", "settings", "{\"data\":{\"password\":\"aHVudGVyMg==\"}}");
        standIn.answerInstead("/api/v1/namespaces/payments/configmaps/settings", secret);
        standIn.answerInstead(
                "/api/v1/namespaces/payments/configmaps",
                "{\"apiVersion\":\"v1\",\"kind\":\"SecretList\",\"metadata\":{},\"items\":[" + secret + "]}");
        try {
            for (String path : List.of(
                    "/resources/configmaps/settings?namespace=payments",
                    "/resources/configmaps/settings?namespace=payments&format=yaml",
                    "/resources/configmaps/settings/describe?namespace=payments",
                    "/resources/configmaps?namespace=payments")) {
                var answer = viewer.get("/api/clusters/" + standInCluster + path);
                assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(502);
                assertThat(answer.errorCode()).as(path).isEqualTo("unexpected_kind");
                assertThat(answer.body()).as(path).doesNotContain("aHVudGVyMg==");
            }
        } finally {
            standIn.answerTruthfully();
        }
    }

    @Test
    void aFailedPreReadOfAnApplyIsAuditedAsAFailure() {
        String name = uniqueName("broken");
        standIn.failWith("/api/v1/namespaces/payments/configmaps/" + name, 500);
        try {
            var failed = admin.post(
                    "/api/clusters/" + standInCluster + "/apply",
                    json(Map.of(
                            "yaml",
                            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: " + name + ", namespace: payments}\n")));
            assertThat(failed.status()).as(failed.body()).isEqualTo(502);
        } finally {
            standIn.answerTruthfully();
        }
        var entry = admin.get("/api/audit?action=resource.apply&cluster=" + standInCluster)
                .json()
                .get("items")
                .get(0);
        assertThat(entry.get("outcome").asString()).isEqualTo("failure");
        assertThat(entry.at("/details/error").asString()).contains("etcd is unavailable");
    }

    @Test
    void anAddressTheServletContainerRefusesIsAnsweredInJson() {
        for (String path : List.of("/namespaces/pay%00ments/pods/web-1/logs", "/namespaces/a%2Fb/pods/web-1/logs")) {
            var refused = users.get("viewer").get("/api/clusters/" + standInCluster + path);
            assertThat(refused.status()).as(path).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(refused.errorMessage()).as(path).isNotBlank();
        }
    }

    @Test
    void theReportedAttackOnTheDemoClusterIsRefused() {
        var refused =
                admin.get("/api/clusters/demo/resources/configmaps/x?namespace=payments%2Fsecrets%2Fdb-credentials%23");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorMessage()).contains("namespace").contains("payments/secrets/db-credentials#");
        var delete = users.get("operator")
                .delete("/api/clusters/demo/resources/configmaps/db-credentials?namespace=payments%2Fsecrets%3F");
        assertThat(delete.status()).isIn(400, 403);
    }
}
