package dev.pilothouse.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PluginRegistryTest {

    static final String VALID = """
            name: example
            version: 0.1.0-beta.1
            description: An example.
            documentation: "# Example"
            kinds:
              - group: example.com
                version: v1alpha1
                kind: Widget
                plural: widgets
                columns:
                  - name: Phase
                    jsonPath: .status.phase
            """;

    @TempDir
    Path dir;

    @Test
    void loadsTheShippedManifests() {
        var registry = new PluginRegistry("");
        assertThat(registry.problems()).isEmpty();
        assertThat(registry.plugins()).extracting(Plugin::name).containsExactly("argo-cd", "cert-manager");

        Plugin certManager = registry.plugins().get(1);
        assertThat(certManager.source()).isEqualTo("classpath:plugins/cert-manager.yaml");
        assertThat(certManager.documentation()).startsWith("# cert-manager");
        Plugin.Kind certificate = certManager.kinds().getFirst();
        assertThat(certificate.apiVersion()).isEqualTo("cert-manager.io/v1");
        assertThat(certificate.columns())
                .extracting(Plugin.Column::jsonPath)
                .contains(".status.conditions[?(@.type==\"Ready\")].status", ".spec.secretName", ".status.notAfter");
        assertThat(certManager.kinds())
                .extracting(Plugin.Kind::scope)
                .containsExactly(Plugin.Scope.Namespaced, Plugin.Scope.Namespaced, Plugin.Scope.Cluster);
    }

    @Test
    void loadsADirectoryAfterTheShippedOnesAndSkipsDuplicateNames() throws IOException {
        Files.writeString(dir.resolve("example.yaml"), VALID);
        Files.writeString(dir.resolve("again.yml"), VALID.replace("0.1.0-beta.1", "0.2.0"));
        Files.writeString(dir.resolve("cert.yaml"), VALID.replace("name: example", "name: cert-manager"));
        Files.writeString(dir.resolve("notes.txt"), "not a manifest");

        var registry = new PluginRegistry(dir.toString());

        assertThat(registry.plugins()).extracting(Plugin::name).containsExactly("argo-cd", "cert-manager", "example");
        assertThat(registry.plugins().getLast().version()).isEqualTo("0.2.0"); // again.yml sorts first
        assertThat(registry.problems())
                .extracting(PluginProblem::file, PluginProblem::field)
                .containsExactlyInAnyOrder(
                        tuple(dir.resolve("cert.yaml").toString(), "name"),
                        tuple(dir.resolve("example.yaml").toString(), "name"));
        assertThat(registry.problems().getFirst().message()).contains("already loaded from");
    }

    @Test
    void aMissingDirectoryIsReportedNotFatal() {
        var registry = new PluginRegistry(dir.resolve("nope").toString());
        assertThat(registry.plugins()).hasSize(2);
        assertThat(registry.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("nope");
            assertThat(p.message()).contains("does not exist");
        });
    }

    @Test
    void brokenYamlNamesTheFileAndLine() {
        var result = ManifestReader.read("bad.yaml", "name: x\nkinds: [\n");
        assertThat(result).isInstanceOfSatisfying(ManifestReader.Invalid.class, invalid -> {
            assertThat(invalid.problems()).singleElement().satisfies(p -> {
                assertThat(p.file()).isEqualTo("bad.yaml");
                assertThat(p.field()).isNull();
                assertThat(p.message()).startsWith("not valid YAML (line");
            });
        });
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            name: example              | name: Example                    | name                          | is not valid
            version: 0.1.0-beta.1      | version: 1                       | version                       | must be a string (put it in quotes)
            version: 0.1.0-beta.1      | version: 1.0                     | version                       | must be a string
            version: 0.1.0-beta.1      | version: v1.0.0                  | version                       | semantic version
            description: An example.   | description: \"  \"              | description                   | must not be empty
            'documentation: \"# Example\"' | homepage: ftp://x               | documentation                 | is required
            description: An example.   | descripton: typo                 | descripton                    | unknown field
            group: example.com         | group: example                   | kinds[0].group                | API group
            version: v1alpha1          | version: 1                       | kinds[0].version              | must be a string
            kind: Widget               | kind: widget                     | kinds[0].kind                 | PascalCase
            plural: widgets            | plural: Widgets                  | kinds[0].plural               | lowercase plural
            plural: widgets            | plural: widgets\\n    scope: Global | kinds[0].scope             | Namespaced or Cluster
            jsonPath: .status.phase    | jsonPath: status.phase           | kinds[0].columns[0].jsonPath  | must start with '.'
            jsonPath: .status.phase    | jsonPath: '{.status.phase}'      | kinds[0].columns[0].jsonPath  | without kubectl's braces
            jsonPath: .status.phase    | jsonPath: .status.conditions[?(@.type==\"Ready\"].status | kinds[0].columns[0].jsonPath | never closed
            jsonPath: .status.phase    | jsonPath: .status..              | kinds[0].columns[0].jsonPath  | expected a field name
            jsonPath: .status.phase    | jsonPath: .status.phase\\n        type: text | kinds[0].columns[0].type | string, number, integer, boolean, date
            name: Phase                | name: Phase\\n        colour: red | kinds[0].columns[0].colour  | unknown field
            """)
    void eachProblemNamesTheFileAndTheField(String replace, String with, String field, String message) {
        String yaml = VALID.replace(replace, with.replace("\\n", "\n"));
        assertThat(yaml).as("the test's replacement applies").isNotEqualTo(VALID);

        var result = ManifestReader.read("widgets.yaml", yaml);

        assertThat(result)
                .isInstanceOfSatisfying(
                        ManifestReader.Invalid.class,
                        invalid -> assertThat(invalid.problems()).anySatisfy(p -> {
                            assertThat(p.file()).isEqualTo("widgets.yaml");
                            assertThat(p.field()).isEqualTo(field);
                            assertThat(p.message()).contains(message);
                        }));
    }

    @Test
    void listsMustHaveEntriesAndColumnsMustBeUnique() {
        var noKinds = (ManifestReader.Invalid)
                ManifestReader.read("a.yaml", VALID.substring(0, VALID.indexOf("kinds:")) + "kinds: []\n");
        assertThat(noKinds.problems()).extracting(PluginProblem::field).containsExactly("kinds");

        String twoColumns = VALID + "      - name: Phase\n        jsonPath: .status.other\n";
        var duplicate = (ManifestReader.Invalid) ManifestReader.read("b.yaml", twoColumns);
        assertThat(duplicate.problems()).extracting(PluginProblem::field).containsExactly("kinds[0].columns[1].name");
    }

    @Test
    void acceptsTheJsonPathsKubernetesPrinterColumnsUse() {
        for (String path : List.of(
                ".status.phase",
                ".status.conditions[?(@.type==\"Ready\")].status",
                ".status.conditions[?(@.type == 'Ready')].message",
                ".spec.containers[0].image",
                ".spec.destinations[*].namespace",
                ".metadata.labels['app.kubernetes.io/name']",
                ".items[1:3]",
                "..name")) {
            assertThat(JsonPathSyntax.problem(path)).as(path).isEmpty();
        }
        assertThat(JsonPathSyntax.problem(".a[x]")).isPresent();
        assertThat(JsonPathSyntax.problem(".a b")).isPresent();
    }

    @Test
    void onlyAdministratorsSeeWhichManifestsWereSkippedAndWhere() {
        var controller =
                new PluginController(new PluginRegistry(dir.resolve("nope").toString()));
        var admin =
                new org.springframework.security.authentication.TestingAuthenticationToken("admin", "", "ROLE_ADMIN");
        var user = new org.springframework.security.authentication.TestingAuthenticationToken("alice", "");

        assertThat(controller.list(admin).errors())
                .singleElement()
                .satisfies(e -> assertThat(e.file()).contains("nope"));
        assertThat(controller.list(user).errors()).isEmpty();
        assertThat(controller.list(user).plugins()).isNotEmpty();
    }
}
