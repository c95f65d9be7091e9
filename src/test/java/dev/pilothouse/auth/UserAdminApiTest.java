package dev.pilothouse.auth;

import static dev.pilothouse.support.ApiClient.json;
import static dev.pilothouse.support.ApiClient.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.support.ServerTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserAdminApiTest extends ServerTest {

    @Test
    void adminCreatesListsAndFindsAUser() {
        var admin = admin();
        String name = uniqueName("dev");
        admin.createUser(name, "long-enough-pw", false);

        var list = admin.get("/api/users");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains(name).doesNotContain("password").doesNotContain("$2a$");
    }

    @Test
    void duplicateUsernameIgnoringCaseIs409() {
        var admin = admin();
        String name = uniqueName("dup");
        admin.createUser(name, "long-enough-pw", false);
        var again =
                admin.post("/api/users", json(Map.of("username", name.toUpperCase(), "password", "long-enough-pw")));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("username_taken");
    }

    @Test
    void badUsernameAndShortPasswordAre400() {
        var admin = admin();
        var badName = admin.post("/api/users", json(Map.of("username", "has space", "password", "long-enough-pw")));
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.errorCode()).isEqualTo("invalid_username");

        var shortPw = admin.post("/api/users", json(Map.of("username", uniqueName("u"), "password", "short")));
        assertThat(shortPw.status()).isEqualTo(400);
        assertThat(shortPw.errorMessage()).contains("at least 8 characters");
    }

    @Test
    void aWronglyTypedFieldIsNamed() {
        var response =
                admin().post("/api/users", "{\"username\":\"someone\",\"password\":\"long-enough-pw\",\"admin\":[1]}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("malformed_json");
        assertThat(response.errorMessage()).contains("'admin'");
    }

    @Test
    void nonAdminCannotManageUsersOrReadTheAuditLog() {
        var viewer = newUser("viewer").client();

        var audit = viewer.get("/api/audit");
        assertThat(audit.status()).isEqualTo(403);
        assertThat(audit.errorCode()).isEqualTo("forbidden");

        var create = viewer.post("/api/users", json(Map.of("username", uniqueName("x"), "password", "long-enough-pw")));
        assertThat(create.status()).isEqualTo(403);
    }

    @Test
    void disablingAUserEndsTheirSessionAndBlocksLogin() {
        var admin = admin();
        String name = uniqueName("leaver");
        var id = admin.createUser(name, "long-enough-pw", false);
        var leaver = loggedIn(name, "long-enough-pw");
        assertThat(leaver.get("/api/me").status()).isEqualTo(200);

        var disabled = admin.patch("/api/users/" + id, json(Map.of("disabled", true)));
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().get("disabled").asBoolean()).isTrue();

        assertThat(leaver.get("/api/me").status()).isEqualTo(401);
        assertThat(anonymous().login(name, "long-enough-pw").status()).isEqualTo(401);

        var audit = admin.get("/api/audit?action=user.disable&limit=50");
        assertThat(audit.body()).contains(name);
    }

    @Test
    void adminResetsAPassword() {
        var admin = admin();
        String name = uniqueName("forgetful");
        var id = admin.createUser(name, "old-password-1", false);

        assertThat(admin.post("/api/users/" + id + "/password", json(Map.of("password", "new-password-1")))
                        .status())
                .isEqualTo(204);

        assertThat(anonymous().login(name, "old-password-1").status()).isEqualTo(401);
        assertThat(anonymous().login(name, "new-password-1").status()).isEqualTo(200);
    }

    @Test
    void adminCannotDemoteThemselves() {
        var admin = admin();
        var me = admin.get("/api/me").json();
        var response = admin.patch("/api/users/" + me.get("id").asString(), json(Map.of("admin", false)));
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.errorCode()).isEqualTo("cannot_demote_self");
    }

    @Test
    void unknownUserIs404() {
        var response = admin().get("/api/users/00000000-0000-0000-0000-000000000000");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.errorCode()).isEqualTo("user_not_found");
    }

    @Test
    void malformedIdIs400() {
        var response = admin().get("/api/users/not-a-uuid");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorMessage()).contains("'id'").contains("not-a-uuid");
    }
}
