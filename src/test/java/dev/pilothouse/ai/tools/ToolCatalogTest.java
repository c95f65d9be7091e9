package dev.pilothouse.ai.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.pilothouse.ai.provider.Tool;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The tool names and parameters are a contract (DESIGN.md "Assistant tools"). */
class ToolCatalogTest {

    final ToolCatalog catalog = new ToolCatalog();
    final ToolArguments arguments = new ToolArguments();

    @SuppressWarnings("unchecked")
    static List<String> params(Tool tool) {
        return List.copyOf(((Map<String, Object>) tool.parameters().get("properties")).keySet());
    }

    @Test
    void theTenToolsWithTheirParametersAndClusterOnEach() {
        Map<String, List<String>> expected = Map.of(
                "get_resources", List.of("kind", "namespace", "name", "labelSelector", "fieldSelector", "limit"),
                "describe_resource", List.of("kind", "name", "namespace"),
                "get_events", List.of("namespace", "kind", "name", "warningsOnly"),
                "get_logs", List.of("namespace", "pod", "container", "tailLines", "previous", "sinceSeconds"),
                "get_metrics", List.of("scope", "namespace"),
                "search_resources", List.of("query", "labelSelector", "namespace"),
                "apply_yaml", List.of("yaml", "namespace"),
                "delete_resource", List.of("kind", "name", "namespace"),
                "scale_resource", List.of("kind", "name", "namespace", "replicas"),
                "restart_resource", List.of("kind", "name", "namespace"));
        List<Tool> all = catalog.offered(ToolSettings.defaults());
        assertThat(all)
                .extracting(Tool::name)
                .containsAll(expected.keySet())
                .contains("list_clusters")
                .hasSize(11);
        for (Tool tool : all) {
            if (tool.name().equals("list_clusters")) continue;
            assertThat(params(tool))
                    .as(tool.name())
                    .containsExactlyInAnyOrderElementsOf(concat(expected.get(tool.name()), "cluster"));
            assertThat(tool.requiresConfirm())
                    .as(tool.name())
                    .isEqualTo(List.of("apply_yaml", "delete_resource", "scale_resource", "restart_resource")
                            .contains(tool.name()));
        }
        assertThat(required("scale_resource")).containsExactly("kind", "name", "namespace", "replicas");
        assertThat(required("get_logs")).containsExactly("namespace", "pod");
        assertThat(required("get_metrics")).containsExactly("scope");
    }

    @Test
    void readOnlyOffersOnlyReadsAndToolsOffOffersNothing() {
        assertThat(catalog.offered(new ToolSettings(true, false, 4000)))
                .extracting(Tool::name)
                .containsExactly(
                        "get_resources",
                        "describe_resource",
                        "get_events",
                        "get_logs",
                        "get_metrics",
                        "search_resources",
                        "list_clusters")
                .allSatisfy(n -> assertThat(catalog.find(n).orElseThrow().requiresConfirm())
                        .isFalse());
        assertThat(catalog.offered(new ToolSettings(false, true, 4000))).isEmpty();
    }

    @Test
    void everySchemaIsAValidJsonSchema() {
        var meta = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(com.networknt.schema.SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        var json = JsonMapper.builder().build();
        for (Tool tool : catalog.all()) {
            assertThat(meta.validate(json.valueToTree(tool.parameters())))
                    .as(tool.name())
                    .isEmpty();
        }
    }

    @Test
    void argumentsAreCheckedAgainstTheSchema() {
        Tool scale = catalog.find("scale_resource").orElseThrow();
        String base = "\"kind\":\"deployment\",\"name\":\"web\",\"namespace\":\"shop\"";
        assertThat(arguments.parse(scale, "{" + base + ",\"replicas\":5}").integer("replicas"))
                .isEqualTo(5);

        assertThatThrownBy(() -> arguments.parse(scale, "{" + base + ",\"replicas\":-1}"))
                .hasMessageContaining("replicas")
                .hasMessageContaining("-1")
                .hasMessageContaining("call it again");
        assertThatThrownBy(() -> arguments.parse(scale, "{" + base + ",\"replicas\":\"abc\"}"))
                .hasMessageContaining("replicas")
                .hasMessageContaining("integer");
        assertThatThrownBy(() -> arguments.parse(scale, "{\"kind\":\"deployment\",\"name\":\"web\",\"replicas\":2}"))
                .hasMessageContaining("namespace");
        assertThatThrownBy(() -> arguments.parse(scale, "{" + base + ",\"replicas\":2,\"approved\":true}"))
                .as("the model cannot smuggle an approval in")
                .hasMessageContaining("approved");
        assertThatThrownBy(() -> arguments.parse(scale, "{\"kind\": deploy")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> arguments.parse(
                        scale,
                        "{\"kind\":\"deployment\",\"name\":\"../../secrets\","
                                + "\"namespace\":\"shop\",\"replicas\":1}"))
                .hasMessageContaining("not a valid Kubernetes name");
        assertThatThrownBy(() -> arguments.parse(scale, "{" + base.replace("shop", "Shop/x") + ",\"replicas\":1}"))
                .hasMessageContaining("namespace 'Shop/x'");
    }

    @SuppressWarnings("unchecked")
    private List<String> required(String name) {
        return (List<String>) catalog.find(name).orElseThrow().parameters().get("required");
    }

    private static List<String> concat(List<String> a, String b) {
        var out = new java.util.ArrayList<>(a);
        out.add(b);
        return out;
    }
}
