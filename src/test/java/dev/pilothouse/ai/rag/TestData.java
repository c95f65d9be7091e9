package dev.pilothouse.ai.rag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The shared test data beside the project ({@code ../shared/testdata}): read by tests and benchmarks only. */
final class TestData {

    static final Path ROOT =
            Path.of("..", "shared", "testdata").toAbsolutePath().normalize();
    static final Path DOCS = ROOT.resolve("k8s-docs");
    static final Path CRDS = ROOT.resolve("crds");
    static final Path OPENAPI = ROOT.resolve("openapi-v3");

    private TestData() {}

    static JsonNode json(Path file) {
        return JsonMapper.builder().build().readTree(file.toFile());
    }

    static JsonNode yaml(Path file) {
        return YAMLMapper.builder().build().readTree(file.toFile());
    }

    static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> s = Files.walk(dir)) {
            return new ArrayList<>(
                    s.filter(p -> p.toString().endsWith(suffix)).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code apis__apps__v1_openapi.json} → {@code apis/apps/v1}. */
    static String groupVersion(Path openapiFile) {
        return openapiFile.getFileName().toString().replace("_openapi.json", "").replace("__", "/");
    }
}
