package dev.pilothouse.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The shipped manifests against the real CRDs in ../shared/testdata/crds: the group, version,
 * plural and scope are the CRD's, and every column's path leads to a field of the CRD's schema.
 */
class ShippedPluginsMatchTheCrdsTest {

    static final Path CRDS = Path.of("../shared/testdata/crds");
    static final YAMLMapper YAML = YAMLMapper.builder().build();

    @Test
    void everyKindAndColumnExistsInItsCrd() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Plugin plugin : new PluginRegistry("").plugins()) {
            for (Plugin.Kind kind : plugin.kinds()) {
                Path file = CRDS.resolve(kind.plural() + "." + kind.group() + ".yaml");
                assertThat(file).as("CRD for %s", kind.kind()).exists();
                JsonNode crd = YAML.readTree(Files.readString(file));
                assertThat(crd.at("/spec/names/kind").asString()).isEqualTo(kind.kind());
                assertThat(crd.at("/spec/scope").asString())
                        .isEqualTo(kind.scope().name());
                JsonNode version = null;
                for (JsonNode v : crd.at("/spec/versions")) {
                    if (v.get("name").asString().equals(kind.version())) version = v;
                }
                assertThat(version)
                        .as("%s version %s", kind.kind(), kind.version())
                        .isNotNull();
                JsonNode schema = version.at("/schema/openAPIV3Schema");
                for (Plugin.Column column : kind.columns()) {
                    if (!resolves(schema, column.jsonPath())) wrong.add(kind.kind() + " " + column.jsonPath());
                }
            }
        }
        assertThat(wrong).as("columns whose path is not in the CRD schema").isEmpty();
    }

    /** Follows the field names of the path through properties (and items for arrays); metadata is not in CRD schemas. */
    private static boolean resolves(JsonNode schema, String path) {
        String fields = path.replaceAll("\\[[^\\]]*\\]", "");
        JsonNode node = schema;
        for (String name : fields.substring(1).split("\\.")) {
            if (name.equals("metadata")) return true;
            if (node.has("items")) node = node.get("items");
            node = node.path("properties").path(name);
            if (node.isMissingNode()) return false;
        }
        return true;
    }
}
