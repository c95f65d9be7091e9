package dev.pilothouse.resource;

import static dev.pilothouse.support.ApiClient.json;
import static dev.pilothouse.support.ApiClient.uniqueName;
import static dev.pilothouse.support.RbacFixtures.createRole;
import static dev.pilothouse.support.RbacFixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.support.ApiClient;
import dev.pilothouse.support.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The resource API against the demo cluster (fabric8's mock API server in CRUD mode). */
class ResourceApiTest extends ServerTest {

    static final String DEMO = "/api/clusters/demo";

    ApiClient onDemo(String role, List<String> namespaces) {
        return userWithRole(role, List.of("demo"), namespaces).client();
    }

    @Test
    void kindsComeFromDiscoveryIncludingTheCrd() {
        JsonNode kinds = admin().get(DEMO + "/kinds").json();
        assertThat(kinds).extracting(k -> k.get("kind").asString()).contains("Deployment", "Pod", "Certificate");
        JsonNode certificate = null;
        for (JsonNode k : kinds) if (k.get("kind").asString().equals("Certificate")) certificate = k;
        assertThat(certificate.get("custom").asBoolean()).isTrue();
        assertThat(certificate.get("group").asString()).isEqualTo("cert-manager.io");
    }

    @Test
    void listsByNamespaceAcrossNamespacesAndByLabel() {
        var admin = admin();
        JsonNode shop = admin.get(DEMO + "/resources/pods?namespace=shop").json();
        assertThat(shop.get("items"))
                .allSatisfy(
                        p -> assertThat(p.at("/metadata/namespace").asString()).isEqualTo("shop"));
        assertThat(shop.get("items"))
                .extracting(p -> p.at("/metadata/name").asString())
                .contains("checkout-api-5d8f7b9c4-tq7wz");

        JsonNode all = admin.get(DEMO + "/resources/deploy").json();
        assertThat(all.at("/type/kind").asString()).isEqualTo("Deployment");
        assertThat(all.get("items"))
                .extracting(d -> d.at("/metadata/namespace").asString())
                .contains("shop", "payments", "monitoring");

        JsonNode web =
                admin.get(DEMO + "/resources/pods?labelSelector=app%3Dweb").json();
        assertThat(web.get("items")).hasSize(3);
    }

    @Test
    void getsAnObjectAsJsonOrYaml() {
        var admin = admin();
        var json = admin.get(DEMO + "/resources/deployments/web?namespace=shop");
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.json().at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(json.json().at("/metadata/managedFields").isMissingNode()).isTrue();

        var yaml = admin.get(DEMO + "/resources/deployments/web?namespace=shop&format=yaml");
        assertThat(yaml.headers().firstValue("content-type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/yaml"));
        assertThat(yaml.body()).contains("kind: \"Deployment\"").contains("name: \"web\"");
    }

    @Test
    void unknownClusterKindAndObjectAre404SayingWhich() {
        var admin = admin();
        var cluster = admin.get("/api/clusters/nowhere/resources/pods");
        assertThat(cluster.status()).isEqualTo(404);
        assertThat(cluster.errorCode()).isEqualTo("cluster_not_found");

        var kind = admin.get(DEMO + "/resources/gizmos");
        assertThat(kind.status()).isEqualTo(404);
        assertThat(kind.errorCode()).isEqualTo("unknown_kind");
        assertThat(kind.errorMessage()).contains("gizmos");

        var object = admin.get(DEMO + "/resources/deployments/nope?namespace=shop");
        assertThat(object.status()).isEqualTo(404);
        assertThat(object.errorCode()).isEqualTo("resource_not_found");
        assertThat(object.errorMessage()).contains("Deployment 'nope'").contains("namespace 'shop'");
    }

    @Test
    void describingTheCrashingWorkloadShowsItsPodsReasonAndEvents() {
        JsonNode described = admin().get(DEMO + "/resources/deployments/checkout-api/describe?namespace=shop")
                .json();
        assertThat(described.get("pods")).hasSize(1);
        assertThat(described.at("/pods/0/reason").asString()).isEqualTo("CrashLoopBackOff");
        assertThat(described.at("/pods/0/restarts").asInt()).isEqualTo(14);
        assertThat(described.get("events"))
                .extracting(e -> e.get("reason").asString())
                .contains("BackOff");
    }

    @Test
    void describingAServiceWithoutEndpointsSaysSo() {
        JsonNode described = admin().get(DEMO + "/resources/services/ledger-api/describe?namespace=payments")
                .json();
        assertThat(described.get("pods")).isEmpty();
        assertThat(described.at("/notes/0").asString()).contains("matches no pods");
    }

    @Test
    void followingLogsStreamsThemAsText() {
        var admin = admin();
        String pod = DEMO + "/namespaces/shop/pods/checkout-api-5d8f7b9c4-tq7wz/logs";

        var followed = admin.get(pod + "?follow=true&tailLines=2");

        assertThat(followed.status()).isEqualTo(200);
        assertThat(followed.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(followed.headers().firstValue("Content-Length"))
                .as("streamed, not buffered")
                .isEmpty();
        assertThat(followed.body()).contains("FATAL startup aborted").hasLineCount(2);

        var previous = admin.get(pod + "?follow=true&previous=true");
        assertThat(previous.status()).isEqualTo(400);
        assertThat(previous.errorMessage()).contains("cannot be followed");
        var notANumber = admin.get(pod + "?tailLines=many");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.body()).contains("tailLines").doesNotContain("Exception");
        var missing = admin.get(DEMO + "/namespaces/shop/pods/nope/logs?follow=true");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo("resource_not_found");
    }

    @Test
    void logsOfTheCrashingPodSayWhy() {
        var admin = admin();
        var logs = admin.get(DEMO + "/namespaces/shop/pods/checkout-api-5d8f7b9c4-tq7wz/logs?tailLines=3");
        assertThat(logs.status()).isEqualTo(200);
        assertThat(logs.body()).contains("PAYMENTS_URL is not set").hasLineCount(3);

        var previous = admin.get(DEMO + "/namespaces/shop/pods/checkout-api-5d8f7b9c4-tq7wz/logs?previous=true");
        assertThat(previous.body()).contains("08:36:02");

        var missing = admin.get(DEMO + "/namespaces/shop/pods/nope/logs");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo("resource_not_found");
    }

    @Test
    void eventsAndMetrics() {
        var admin = admin();
        JsonNode warnings =
                admin.get(DEMO + "/events?namespace=payments&warnings=true").json();
        assertThat(warnings)
                .extracting(e -> e.get("reason").asString())
                .contains("FailedScheduling", "BackOff", "Failed");

        JsonNode pods = admin.get(DEMO + "/metrics/pods?namespace=shop").json();
        assertThat(pods.get("items")).isNotEmpty();
        assertThat(pods.at("/items/0/containers/0/usage/cpu").asString()).endsWith("m");
        assertThat(admin.get(DEMO + "/metrics/nodes").json().get("items")).hasSize(3);
    }

    @Test
    void searchFindsObjectsOfEveryKindByName() {
        JsonNode hits = admin().get(DEMO + "/search?q=checkout").json();
        assertThat(hits)
                .extracting(h -> h.get("kind").asString())
                .contains("Deployment", "Pod", "Service", "Certificate", "Secret");
    }

    @Test
    void secretValuesAreShownToAdminsAndMaskedForViewers() {
        JsonNode forAdmin = admin().get(DEMO + "/resources/secrets/checkout-db?namespace=shop")
                .json();
        assertThat(new String(java.util.Base64.getDecoder()
                        .decode(forAdmin.at("/data/password").asString())))
                .isEqualTo("s3cr3t-demo-password");

        var viewer = onDemo("viewer", List.of("*"));
        JsonNode forViewer = viewer.get(DEMO + "/resources/secrets/checkout-db?namespace=shop")
                .json();
        assertThat(forViewer.at("/data/password").asString()).isEqualTo("••••••");
        assertThat(forViewer.get("valuesHidden").asBoolean()).isTrue();
        JsonNode listed = viewer.get(DEMO + "/resources/secrets?namespace=shop").json();
        assertThat(listed.get("items"))
                .isNotEmpty()
                .allSatisfy(secret -> secret.path("data")
                        .forEach(value -> assertThat(value.asString()).isEqualTo("••••••")));
    }

    @Test
    void scalingIsAppliedAndAudited() {
        var admin = admin();
        var preview = admin.post(
                DEMO + "/resources/deployments/grafana/scale",
                json(Map.of("namespace", "monitoring", "replicas", 2, "dryRun", true)));
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.json().at("/changes/0/diff").asString())
                .contains("-  replicas: 1")
                .contains("+  replicas: 2");
        assertThat(admin.get(DEMO + "/resources/deployments/grafana?namespace=monitoring")
                        .json()
                        .at("/spec/replicas")
                        .asInt())
                .isEqualTo(1);

        var scaled = admin.post(
                DEMO + "/resources/deployments/grafana/scale", json(Map.of("namespace", "monitoring", "replicas", 2)));
        assertThat(scaled.status()).isEqualTo(200);
        assertThat(admin.get(DEMO + "/resources/deployments/grafana?namespace=monitoring")
                        .json()
                        .at("/spec/replicas")
                        .asInt())
                .isEqualTo(2);

        JsonNode audit = admin.get("/api/audit?action=resource.scale&cluster=demo")
                .json()
                .get("items")
                .get(0);
        assertThat(audit.get("target").asString()).isEqualTo("deployments/grafana");
        assertThat(audit.get("namespace").asString()).isEqualTo("monitoring");
        assertThat(audit.get("outcome").asString()).isEqualTo("success");
        assertThat(audit.at("/details/replicas").asInt()).isEqualTo(2);
        assertThat(audit.at("/details/via").asString()).isEqualTo("dashboard");
    }

    @Test
    void restartAddsTheRestartAnnotation() {
        var admin = admin();
        assertThat(admin.post(
                                DEMO + "/resources/deployments/prometheus/restart",
                                json(Map.of("namespace", "monitoring")))
                        .status())
                .isEqualTo(200);
        assertThat(admin.get(DEMO + "/resources/deployments/prometheus?namespace=monitoring")
                        .json()
                        .at("/spec/template/metadata/annotations")
                        .toString())
                .contains("kubectl.kubernetes.io/restartedAt");
    }

    @Test
    void applyPreviewsWithADryRunThenCreatesThenConfigures() {
        var admin = admin();
        String name = uniqueName("settings");
        String yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name
                + "\n  namespace: shop\ndata:\n  mode: fast\n";

        var dry = admin.post(DEMO + "/apply", json(Map.of("yaml", yaml, "dryRun", true)));
        assertThat(dry.status()).as(dry.body()).isEqualTo(200);
        assertThat(dry.json().at("/changes/0/operation").asString()).isEqualTo("created");
        assertThat(dry.json().at("/changes/0/diff").asString()).contains("+  mode: \"fast\"");
        assertThat(admin.get(DEMO + "/resources/configmaps/" + name + "?namespace=shop")
                        .status())
                .isEqualTo(404);

        assertThat(admin.post(DEMO + "/apply", json(Map.of("yaml", yaml))).status())
                .isEqualTo(200);
        var changed = admin.post(DEMO + "/apply", json(Map.of("yaml", yaml.replace("fast", "safe"))));
        assertThat(changed.json().at("/changes/0/operation").asString()).isEqualTo("configured");
        assertThat(admin.get(DEMO + "/resources/configmaps/" + name + "?namespace=shop")
                        .json()
                        .at("/data/mode")
                        .asString())
                .isEqualTo("safe");

        var invalid = admin.post(DEMO + "/apply", json(Map.of("yaml", "kind: [")));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.errorCode()).isEqualTo("invalid_yaml");
    }

    ApiClient userWithRules(List<Map<String, Object>> rules) {
        String role = uniqueName("custom");
        createRole(admin(), role, rules);
        return userWithRole(role, List.of("demo"), List.of("shop")).client();
    }

    @Test
    void applyIsCheckedBeforeTheClusterIsAskedAndForEveryDocumentFirst() {
        var admin = admin();
        String existing = uniqueName("db");
        admin.post(
                DEMO + "/apply",
                json(Map.of(
                        "yaml",
                        "apiVersion: v1\nkind: Secret\nmetadata: {name: " + existing
                                + ", namespace: shop}\nstringData: {password: hunter2}\n")));
        var configMaps =
                userWithRules(List.of(rule(List.of("get", "create", "patch"), List.of(""), List.of("configmaps"))));

        // The same answer whether the Secret exists or not: nothing is learned about it.
        var onExisting = configMaps.post(
                DEMO + "/apply",
                json(Map.of(
                        "yaml",
                        "apiVersion: v1\nkind: Secret\nmetadata: {name: " + existing + ", namespace: shop}\n",
                        "dryRun",
                        true)));
        var onMissing = configMaps.post(
                DEMO + "/apply",
                json(Map.of(
                        "yaml",
                        "apiVersion: v1\nkind: Secret\nmetadata: {name: " + uniqueName("nope") + ", namespace: shop}\n",
                        "dryRun",
                        true)));
        assertThat(onExisting.status()).isEqualTo(403);
        assertThat(onExisting.errorMessage())
                .isEqualTo(onMissing.errorMessage())
                .contains("may not patch secrets");

        // A refused document stops the whole apply before the allowed one is written.
        String allowed = uniqueName("cm");
        var mixed = configMaps.post(
                DEMO + "/apply",
                json(Map.of(
                        "yaml",
                        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: " + allowed + ", namespace: shop}\n---\n"
                                + "apiVersion: v1\nkind: Secret\nmetadata: {name: " + existing
                                + ", namespace: shop}\n")));
        assertThat(mixed.status()).isEqualTo(403);
        assertThat(admin.get(DEMO + "/resources/configmaps/" + allowed + "?namespace=shop")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aDryRunDoesNotConfirmAGuessedSecretValue() {
        var admin = admin();
        String secret = uniqueName("db");
        String yaml = "apiVersion: v1\nkind: Secret\nmetadata: {name: " + secret
                + ", namespace: shop}\ndata: {password: aHVudGVyMg==}\n";
        assertThat(admin.post(DEMO + "/apply", json(Map.of("yaml", yaml))).status())
                .isEqualTo(200);
        var patcher = userWithRules(List.of(rule(List.of("get", "create", "patch"), List.of(""), List.of("secrets"))));

        var rightGuess = patcher.post(DEMO + "/apply", json(Map.of("yaml", yaml, "dryRun", true)));

        assertThat(rightGuess.status()).as(rightGuess.body()).isEqualTo(200);
        assertThat(rightGuess.json().at("/changes/0/operation").asString()).isEqualTo("configured");
        assertThat(rightGuess.body()).doesNotContain("aHVudGVyMg==");
        assertThat(admin.post(DEMO + "/apply", json(Map.of("yaml", yaml, "dryRun", true)))
                        .json()
                        .at("/changes/0/operation")
                        .asString())
                .as("an admin, who sees the values, is told the truth")
                .isEqualTo("unchanged");
    }

    @Test
    void someoneWithoutARoleOnTheClusterLearnsNothingOfIt() {
        var user = newUser("norole");
        String name = user.name();
        var stranger = user.client();

        for (String path : List.of(
                "/kinds",
                "/resources/certificates?group=cert-manager.io",
                "/resources/nosuchkinds",
                "/search?q=checkout")) {
            var refused = stranger.get(DEMO + path);
            assertThat(refused.status()).as(path).isEqualTo(403);
            assertThat(refused.errorMessage()).as(path).isEqualTo(name + " has no role on cluster demo");
        }
        var apply = stranger.post(
                DEMO + "/apply",
                json(Map.of("yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: shop}\n")));
        assertThat(apply.status()).isEqualTo(403);
    }

    @Test
    void deleteWithADryRunKeepsTheObject() {
        var admin = admin();
        String name = uniqueName("doomed");
        admin.post(
                DEMO + "/apply",
                json(Map.of(
                        "yaml",
                        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n  namespace: default\n")));

        var dry = admin.delete(DEMO + "/resources/configmaps/" + name + "?namespace=default&dryRun=true");
        assertThat(dry.status()).isEqualTo(200);
        assertThat(dry.json().at("/changes/0/diff").asString()).contains("-kind: \"ConfigMap\"");
        assertThat(admin.get(DEMO + "/resources/configmaps/" + name + "?namespace=default")
                        .status())
                .isEqualTo(200);

        assertThat(admin.delete(DEMO + "/resources/configmaps/" + name + "?namespace=default")
                        .status())
                .isEqualTo(200);
        assertThat(admin.get(DEMO + "/resources/configmaps/" + name + "?namespace=default")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aViewerMayReadButADeleteIsRefusedExplainedAndAudited() {
        var viewer = onDemo("viewer", List.of("*"));
        assertThat(viewer.get(DEMO + "/resources/pods?namespace=shop").status()).isEqualTo(200);

        var refused = viewer.delete(DEMO + "/resources/deployments/web?namespace=shop");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("rbac_denied");
        assertThat(refused.errorMessage()).contains("viewer").contains("delete").contains("deployments");
        assertThat(admin().get(DEMO + "/resources/deployments/web?namespace=shop")
                        .status())
                .isEqualTo(200);

        JsonNode audit = admin().get("/api/audit?action=resource.delete&cluster=demo")
                .json()
                .get("items");
        assertThat(audit).anySatisfy(e -> {
            assertThat(e.get("outcome").asString()).isEqualTo("denied");
            assertThat(e.get("target").asString()).isEqualTo("deployments/web");
        });
    }

    @Test
    void aNamespaceScopedUserListingAllNamespacesSeesOnlyTheirs() {
        var viewer = onDemo("viewer", List.of("monitoring"));
        JsonNode pods = viewer.get(DEMO + "/resources/pods").json();
        assertThat(pods.get("items"))
                .isNotEmpty()
                .allSatisfy(
                        p -> assertThat(p.at("/metadata/namespace").asString()).isEqualTo("monitoring"));
        assertThat(viewer.get(DEMO + "/resources/pods?namespace=shop").status()).isEqualTo(403);
    }

    @Test
    void aNamespaceScopedOperatorCannotScaleOutsideItsNamespace() {
        var operator = onDemo("operator", List.of("monitoring"));
        var outside = operator.post(
                DEMO + "/resources/deployments/web/scale", json(Map.of("namespace", "shop", "replicas", 4)));
        assertThat(outside.status()).isEqualTo(403);
        var inside = operator.post(
                DEMO + "/resources/deployments/grafana/scale",
                json(Map.of("namespace", "monitoring", "replicas", 1, "dryRun", true)));
        assertThat(inside.status()).isEqualTo(200);
    }
}
