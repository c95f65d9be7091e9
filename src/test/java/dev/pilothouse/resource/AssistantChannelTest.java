package dev.pilothouse.resource;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.support.ServerTest;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The channel the assistant's tools use ({@link Caller#assistant}): the same RBAC as the user,
 * but Secret values never come back, whatever the role, and changes are on the record as made
 * through the assistant.
 */
class AssistantChannelTest extends ServerTest {

    static final String VALUE = Base64.getEncoder().encodeToString("s3cr3t-demo-password".getBytes());

    @Autowired
    ResourceReads reads;

    @Autowired
    ResourceChanges changes;

    final Caller assistant = Caller.assistant("admin");
    final ObjectRef secret = new ObjectRef("demo", "secrets", null, "shop", "checkout-db");

    @Test
    void secretValuesAreMaskedEvenForAnAdmin() {
        Map<String, Object> got = reads.get(assistant, secret);
        assertThat(ObjectMaps.path(got, "data", "password")).isEqualTo(SecretMasker.MASK);
        assertThat(got).containsEntry("valuesHidden", true);

        assertThat(reads.getYaml(assistant, secret)).doesNotContain(VALUE);
        assertThat(reads.describe(assistant, secret).object().toString()).doesNotContain(VALUE);
        var listed = reads.list(
                assistant, "demo", "secrets", null, new ResourceQueries.ListQuery("shop", null, null, null, null));
        assertThat(listed.items()).isNotEmpty();
        assertThat(listed.items().toString()).doesNotContain(VALUE);

        // The same admin on the dashboard sees the value: it is the channel that hides it.
        assertThat(ObjectMaps.path(reads.get(Caller.dashboard("admin"), secret), "data", "password"))
                .isEqualTo(VALUE);
    }

    @Test
    void aPreviewOfASecretChangeShowsNoValues() {
        String yaml = "apiVersion: v1\nkind: Secret\nmetadata: {name: checkout-db, namespace: shop}\n"
                + "stringData: {password: new-value-typed-by-the-model}\n";
        var preview = changes.apply(assistant, "demo", yaml, null, true);
        String shown = preview.changes().toString();
        assertThat(shown).doesNotContain(VALUE).doesNotContain("new-value-typed-by-the-model");
    }

    @Test
    void changesAreAuditedAsMadeThroughTheAssistant() {
        var ref = new ObjectRef("demo", "deployments", null, "monitoring", "grafana");
        var result = changes.scale(assistant, ref, 1, false);
        assertThat(result.changes())
                .singleElement()
                .satisfies(c -> assertThat(c.operation()).isEqualTo("scaled"));

        var admin = admin();
        JsonNode entry = admin.get("/api/audit?action=resource.scale&cluster=demo")
                .json()
                .get("items")
                .get(0);
        assertThat(entry.get("actor").asString()).isEqualTo("admin");
        assertThat(entry.get("target").asString()).isEqualTo("deployments/grafana");
        assertThat(entry.get("outcome").asString()).isEqualTo("success");
        assertThat(entry.at("/details/via").asString()).isEqualTo("assistant");
    }
}
