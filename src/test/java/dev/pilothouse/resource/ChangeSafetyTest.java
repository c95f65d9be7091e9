package dev.pilothouse.resource;

import static dev.pilothouse.support.ApiClient.json;
import static dev.pilothouse.support.ApiClient.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.support.ApiClient;
import dev.pilothouse.support.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * What an operator may not do through a pod (read Secret values, get root on a node, borrow a
 * service account), the limits of one apply, and the audit of changes: intent written first,
 * refusals and failed validations recorded, nothing changed when the audit cannot be written.
 */
class ChangeSafetyTest extends ServerTest {

    static final String DEMO = "/api/clusters/demo";

    @Autowired
    JdbcClient jdbc;

    User operator() {
        return userWithRole("operator", List.of("demo"), List.of("*"));
    }

    static ApiClient.Response apply(ApiClient client, String yaml, boolean dryRun) {
        return client.post(DEMO + "/apply", json(Map.of("yaml", yaml, "dryRun", dryRun)));
    }

    static final String ROOT_POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: %s, namespace: shop}
            spec:
              hostPID: true
              containers:
              - name: sh
                image: busybox
                securityContext: {privileged: true, capabilities: {add: [SYS_ADMIN, NET_BIND_SERVICE]}}
                env:
                - name: DB_PASSWORD
                  valueFrom: {secretKeyRef: {name: checkout-db, key: password}}
                volumeMounts: [{name: root, mountPath: /host}, {name: db, mountPath: /db}]
              volumes:
              - {name: root, hostPath: {path: /}}
              - {name: db, secret: {secretName: checkout-db}}
            """;

    @Test
    void anOperatorCannotCreateAPodThatReadsSecretsOrRootsTheNode() {
        var operator = operator();
        String name = uniqueName("root");
        var refused = apply(operator.client(), ROOT_POD.formatted(name), true);
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("policy_denied");
        assertThat(refused.errorMessage())
                .contains("sets hostPID")
                .contains("runs container 'sh' privileged")
                .contains("adds capability SYS_ADMIN")
                .doesNotContain("NET_BIND_SERVICE")
                .contains("reads a Secret into variable DB_PASSWORD")
                .contains("mounts a path of the node (volume 'root')")
                .contains("mounts a Secret (volume 'db')")
                .contains("get secrets/data");

        var plain = apply(
                operator.client(),
                "apiVersion: v1\nkind: Pod\nmetadata: {name: " + name + ", namespace: shop}\n"
                        + "spec: {containers: [{name: web, image: nginx}]}\n",
                true);
        assertThat(plain.status()).as(plain.body()).isEqualTo(200);

        assertThat(apply(admin(), ROOT_POD.formatted(name), true).status())
                .as("an admin may read Secret values anyway")
                .isEqualTo(200);
    }

    @Test
    void theTemplatesOfEveryWorkloadKindAreCheckedToo() {
        var operator = operator();
        String template = "template: {metadata: {labels: {app: x}}, spec: {serviceAccountName: %s,"
                + " containers: [{name: c, image: busybox, envFrom: [{secretRef: {name: checkout-db}}]}]}}";
        Map<String, String> workloads = Map.of(
                "apps/v1 Deployment", "spec: {selector: {matchLabels: {app: x}}, " + template + "}",
                "apps/v1 StatefulSet", "spec: {serviceName: x, selector: {matchLabels: {app: x}}, " + template + "}",
                "apps/v1 DaemonSet", "spec: {selector: {matchLabels: {app: x}}, " + template + "}",
                "apps/v1 ReplicaSet", "spec: {selector: {matchLabels: {app: x}}, " + template + "}",
                "batch/v1 Job", "spec: {" + template + "}",
                "batch/v1 CronJob", "spec: {schedule: '* * * * *', jobTemplate: {spec: {" + template + "}}}");
        workloads.forEach((kind, spec) -> {
            String[] apiVersionAndKind = kind.split(" ");
            String yaml = "apiVersion: " + apiVersionAndKind[0] + "\nkind: " + apiVersionAndKind[1]
                    + "\nmetadata: {name: " + uniqueName("w") + ", namespace: shop}\n" + spec.formatted("admin") + "\n";
            var refused = apply(operator.client(), yaml, true);
            assertThat(refused.status()).as(kind + ": " + refused.body()).isEqualTo(403);
            assertThat(refused.errorMessage())
                    .as(kind)
                    .contains("runs as service account 'admin'")
                    .contains("reads a Secret into the environment of container 'c'");
        });
    }

    @Test
    void aRefusedPodIsAuditedAsDeniedAndNotCreated() {
        var operator = operator();
        String name = uniqueName("root");
        assertThat(apply(operator.client(), ROOT_POD.formatted(name), false).status())
                .isEqualTo(403);
        var admin = admin();
        assertThat(admin.get(DEMO + "/resources/pods/" + name + "?namespace=shop")
                        .status())
                .isEqualTo(404);
        JsonNode entry = latest(admin, operator.name(), "resource.apply");
        assertThat(entry.get("outcome").asString()).isEqualTo("denied");
        assertThat(entry.get("target").asString()).isEqualTo("pods/" + name);
        assertThat(entry.at("/details/reason").asString()).contains("privileged");
    }

    static JsonNode latest(ApiClient admin, String actor, String action) {
        return admin.get("/api/audit?actor=" + actor + "&action=" + action)
                .json()
                .get("items")
                .get(0);
    }

    @Test
    void aRealChangeRefusedForABadNameIsAuditedAsAFailure() {
        var operator = operator();
        var refused = operator.client().delete(DEMO + "/resources/configmaps/x?namespace=shop%2Fsecrets%3F");
        assertThat(refused.status()).isEqualTo(400);
        JsonNode entry = latest(admin(), operator.name(), "resource.delete");
        assertThat(entry.get("outcome").asString()).isEqualTo("failure");
        assertThat(entry.at("/details/error").asString()).contains("namespace 'shop/secrets?' is not valid");
    }

    @Test
    void aSuccessfulChangeLeavesOneRowWithItsOutcome() {
        var operator = operator();
        var scaled = operator.client()
                .post(DEMO + "/resources/deployments/web/scale", json(Map.of("namespace", "shop", "replicas", 3)));
        assertThat(scaled.status()).as(scaled.body()).isEqualTo(200);
        var rows = admin().get("/api/audit?action=resource&actor=" + operator.name())
                .json()
                .get("items");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("outcome").asString()).isEqualTo("success");
        assertThat(rows.get(0).at("/details/error").isMissingNode()).isTrue();
    }

    @Test
    void nothingIsChangedWhenTheAuditCannotBeWritten() {
        var operator = operator();
        // The database refuses this one user's audit rows, as it would refuse every row when full.
        jdbc.sql("ALTER TABLE audit_log ADD CONSTRAINT test_blocked CHECK (actor <> '" + operator.name()
                        + "') NOT VALID")
                .update();
        try {
            var scaled = operator.client()
                    .post(
                            DEMO + "/resources/deployments/grafana/scale",
                            json(Map.of("namespace", "monitoring", "replicas", 7)));
            assertThat(scaled.status()).as(scaled.body()).isEqualTo(503);
            assertThat(scaled.errorCode()).isEqualTo("audit_unavailable");
        } finally {
            jdbc.sql("ALTER TABLE audit_log DROP CONSTRAINT test_blocked").update();
        }
        assertThat(admin().get(DEMO + "/resources/deployments/grafana?namespace=monitoring")
                        .json()
                        .at("/spec/replicas")
                        .asInt())
                .isNotEqualTo(7);
    }

    @Test
    void oneApplyTakesAtMostAHundredDocuments() {
        var admin = admin();
        String many = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: shop}\n---\n".repeat(101);
        var refused = apply(admin, many, true);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("too_many_documents");
        assertThat(refused.errorMessage()).contains("at most 100");
    }

    @Test
    void yamlThatCannotBeReadIsExplainedWithoutJavaNames() {
        var admin = admin();
        var alias = apply(admin, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: &a [*a]\n", true);
        assertThat(alias.status()).as(alias.body()).isEqualTo(400);
        assertThat(alias.errorMessage()).contains("alias");

        var syntax = apply(admin, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [x\n", true);
        assertThat(syntax.status()).isEqualTo(400);
        assertThat(syntax.errorMessage()).contains("line");

        for (String yaml : List.of("just a string\n", "42\n", "- a\n- b\n", "metadata: {name: x}\n")) {
            var refused = apply(admin, yaml, true);
            assertThat(refused.status()).as(yaml + refused.body()).isEqualTo(400);
            assertThat(refused.errorMessage())
                    .as(yaml)
                    .doesNotContain("io.fabric8")
                    .doesNotContain("java.");
        }
    }

    @Test
    void replicasMustBeAWholeNumberInRange() {
        var admin = admin();
        for (Object replicas : List.of(1.5, 99999999999L, -1)) {
            var refused = admin.post(
                    DEMO + "/resources/deployments/web/scale",
                    json(Map.of("namespace", "shop", "replicas", replicas, "dryRun", true)));
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.errorMessage())
                    .contains("replicas must be a whole number between 0 and 1000")
                    .doesNotContain("Integer");
        }
    }
}
