package dev.pilothouse.platform;

import static dev.pilothouse.support.ApiClient.json;
import static dev.pilothouse.support.ApiClient.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.support.ApiClient;
import dev.pilothouse.support.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A NUL character anywhere a person can type is a 400 that says so, never a database 500. */
class NulCharactersTest extends ServerTest {

    @Test
    void inBodiesAndQueriesItIsA400() {
        var admin = admin();
        String nul = "a\u0000b";
        List<ApiClient.Response> refused = List.of(
                admin.post(
                        "/api/users",
                        json(Map.of("username", uniqueName("nul"), "password", "long-enough-pw", "displayName", nul))),
                admin.post(
                        "/api/rbac/roles",
                        json(Map.of("name", uniqueName("nul"), "description", nul, "rules", List.of()))),
                admin.put("/api/ai/config", json(Map.of("model", nul))),
                admin.post("/api/ai/rag/search", json(Map.of("query", nul, "k", 3))),
                admin.get("/api/audit?actor=a%00b"));
        for (var response : refused) {
            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.errorMessage()).contains("NUL");
        }
        assertThat(refused.get(0).errorMessage()).contains("displayName");
    }
}
