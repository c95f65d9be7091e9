package dev.pilothouse.ai.rag;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** fabric8's mock API server serving /openapi/v3 and the given group-versions' documents from the test data. */
final class OpenApiMock implements AutoCloseable {

    final KubernetesMockServer server = new KubernetesMockServer(false);
    final KubernetesClient client;

    /** @param files e.g. {@code apis__autoscaling__v2_openapi.json} */
    OpenApiMock(List<String> files) {
        server.init();
        var paths = new LinkedHashMap<String, Object>();
        for (String file : files) {
            var path = TestData.OPENAPI.resolve(file);
            String gv = TestData.groupVersion(path);
            String url = "/openapi/v3/" + gv + "?hash=ABC123";
            paths.put(gv, Map.of("serverRelativeURL", url));
            try {
                server.expect().get().withPath(url).andReturn(200, Files.readString(path)).always();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        server.expect().get().withPath("/openapi/v3")
                .andReturn(200, JsonMapper.builder().build().writeValueAsString(Map.of("paths", paths))).always();
        client = server.createClient();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
