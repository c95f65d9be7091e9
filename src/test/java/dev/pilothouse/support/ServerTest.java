package dev.pilothouse.support;

import static dev.pilothouse.support.ApiClient.json;
import static dev.pilothouse.support.RbacFixtures.bind;
import static dev.pilothouse.support.RbacFixtures.roleId;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A test of the whole server over real HTTP ({@link IntegrationTest}), with the people it needs: a
 * visitor with no session, the first admin, and new users with or without a role. Every client is a
 * fresh session with its own cookies and CSRF token, as a separate browser would be.
 */
@IntegrationTest
public abstract class ServerTest {

    /** The password of every user these helpers create. */
    public static final String PASSWORD = "long-enough-pw";

    @LocalServerPort
    protected int port;

    /** Someone who has not logged in. */
    protected ApiClient anonymous() {
        return new ApiClient(port);
    }

    /** A new session of the first admin. */
    protected ApiClient admin() {
        return new ApiClient(port).loggedIn("admin", IntegrationTest.ADMIN_PASSWORD);
    }

    /** A new session of an existing user. */
    protected ApiClient loggedIn(String username, String password) {
        return new ApiClient(port).loggedIn(username, password);
    }

    /** A user who can log in and has no role anywhere (a name starting with {@code prefix}). */
    protected User newUser(String prefix) {
        String name = ApiClient.uniqueName(prefix);
        UUID id = admin().createUser(name, PASSWORD, false);
        return new User(name, id, loggedIn(name, PASSWORD));
    }

    /** A user bound to a role (by name, a built-in one or one made by the test) on those clusters and namespaces. */
    protected User userWithRole(String role, List<String> clusters, List<String> namespaces) {
        ApiClient admin = admin();
        String name = ApiClient.uniqueName(role);
        UUID id = admin.createUser(name, PASSWORD, false);
        UUID binding = bind(admin, id, roleId(admin, role), clusters, namespaces);
        return new User(name, id, binding, loggedIn(name, PASSWORD));
    }

    /** Registers a cluster (a stand-in or mock API server's kubeconfig) as the admin and fails the test if refused. */
    protected void registerCluster(String name, String kubeconfig) {
        var registered = admin().post("/api/clusters", json(Map.of("name", name, "kubeconfig", kubeconfig)));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    }

    /** A user the test made; {@code binding} is null for one without a role. */
    public record User(String name, UUID id, UUID binding, ApiClient client) {
        User(String name, UUID id, ApiClient client) {
            this(name, id, null, client);
        }
    }
}
