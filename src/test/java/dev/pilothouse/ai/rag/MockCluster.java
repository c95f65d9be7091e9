package dev.pilothouse.ai.rag;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import tools.jackson.databind.json.JsonMapper;

/**
 * fabric8's mock API server standing in for a cluster: CRUD for CRDs, plus expectations serving
 * /openapi/v3 (the discovery document) and the group-versions' documents from the test data.
 */
final class MockCluster implements AutoCloseable {

    final KubernetesMockServer server;
    final KubernetesClient client;

    /** @param openApiFiles e.g. {@code apis__autoscaling__v2_openapi.json} */
    MockCluster(List<String> openApiFiles) {
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        server = new KubernetesMockServer(
                new Context(), new MockWebServer(), expectations, new KubernetesMixedDispatcher(expectations), false);
        server.init();
        var paths = new LinkedHashMap<String, Object>();
        for (String file : openApiFiles) {
            Path path = TestData.OPENAPI.resolve(file);
            String gv = TestData.groupVersion(path);
            String url = "/openapi/v3/" + gv + "?hash=ABC123";
            paths.put(gv, Map.of("serverRelativeURL", url));
            try {
                server.expect()
                        .get()
                        .withPath(url)
                        .andReturn(200, Files.readString(path))
                        .always();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        server.expect()
                .get()
                .withPath("/openapi/v3")
                .andReturn(200, JsonMapper.builder().build().writeValueAsString(Map.of("paths", paths)))
                .always();
        client = server.createClient();
    }

    /** Creates the CRDs of these files (names under {@code testdata/crds}). */
    MockCluster withCrds(List<Path> files) {
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                var crd = client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
                client.apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .resource(crd)
                        .create();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    static List<String> allOpenApiFiles() {
        return TestData.files(TestData.OPENAPI, ".json").stream()
                .map(p -> p.getFileName().toString())
                .toList();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
