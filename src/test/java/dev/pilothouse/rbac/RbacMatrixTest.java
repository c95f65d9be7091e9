package dev.pilothouse.rbac;

import static dev.pilothouse.support.RbacFixtures.bind;
import static dev.pilothouse.support.RbacFixtures.createRole;
import static dev.pilothouse.support.RbacFixtures.roleId;
import static dev.pilothouse.support.RbacFixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilothouse.platform.ApiException;
import dev.pilothouse.support.ApiClient;
import dev.pilothouse.support.ServerTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Users × verbs × scopes through the real engine and database: each row is one question, whether
 * it is allowed, and the sentence the user is shown. Users (real names get a random suffix):
 * <ul>
 *   <li>{@code adm}: admin on all clusters and namespaces
 *   <li>{@code ops}: operator on cluster prod, all namespaces (cluster-scoped binding)
 *   <li>{@code view}: viewer everywhere
 *   <li>{@code shop}: operator on prod namespace shop only, and viewer on all of staging
 *   <li>{@code mix}: viewer on prod, plus a custom role deployer on prod namespace shop
 *   <li>{@code nobody}: no bindings
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RbacMatrixTest extends ServerTest {

    @Autowired
    AccessControl access;

    final Map<String, String> users = new HashMap<>();
    final String deployer = ApiClient.uniqueName("deployer");

    @BeforeAll
    void createUsersAndBindings() {
        var admin = admin();
        for (String alias : List.of("adm", "ops", "view", "shop", "mix", "nobody")) {
            users.put(alias, ApiClient.uniqueName(alias));
        }
        var all = List.of("*");
        var id = new HashMap<String, UUID>();
        users.forEach((alias, name) -> id.put(alias, admin.createUser(name, "long-enough-pw", false)));
        bind(admin, id.get("adm"), roleId(admin, "admin"), all, all);
        bind(admin, id.get("ops"), roleId(admin, "operator"), List.of("prod"), all);
        bind(admin, id.get("view"), roleId(admin, "viewer"), all, all);
        bind(admin, id.get("shop"), roleId(admin, "operator"), List.of("prod"), List.of("shop"));
        bind(admin, id.get("shop"), roleId(admin, "viewer"), List.of("staging"), all);
        bind(admin, id.get("mix"), roleId(admin, "viewer"), List.of("prod"), all);
        var deployerId = createRole(
                admin,
                deployer,
                List.of(rule(List.of("create", "update", "patch"), List.of("apps"), List.of("deployments"))));
        bind(admin, id.get("mix"), deployerId, List.of("prod"), List.of("shop"));
    }

    @ParameterizedTest(name = "{0} {1} {5} on {2}/{3}: {6}")
    @CsvSource(delimiter = '|', textBlock = """
            # user | verb | cluster | namespace | apiGroup | resource | allowed | explanation
            adm    | delete  | prod    | shop     | apps            | deployments  | true  | admin on cluster prod, namespace shop may delete deployments
            adm    | get     | prod    | shop     | ''              | secrets/data | true  | admin on cluster prod, namespace shop may get the data of secrets
            adm    | delete  | edge-7  |          | ''              | nodes        | true  | admin on cluster edge-7 may delete nodes
            ops    | scale   | prod    | shop     | apps            | deployments  | true  | operator on cluster prod, namespace shop may scale deployments
            ops    | restart | prod    | web      | apps            | statefulsets | true  | operator on cluster prod, namespace web may restart statefulsets
            ops    | logs    | prod    | shop     | ''              | pods         | true  | operator on cluster prod, namespace shop may read logs of pods
            ops    | list    | prod    |          | apps            | deployments  | true  | operator on cluster prod may list deployments
            ops    | list    | prod    | shop     | cert-manager.io | certificates | true  | operator on cluster prod, namespace shop may list certificates.cert-manager.io
            ops    | get     | prod    | shop     | ''              | secrets/data | false | operator on cluster prod, namespace shop may not get the data of secrets
            ops    | delete  | prod    | shop     | ''              | secrets      | false | operator on cluster prod, namespace shop may not delete secrets
            ops    | delete  | prod    |          | ''              | nodes        | false | operator on cluster prod may not delete nodes
            ops    | get     | staging | shop     | apps            | deployments  | false | {ops} has no role on cluster staging
            view   | get     | prod    | shop     | ''              | pods         | true  | viewer on cluster prod, namespace shop may get pods
            view   | logs    | dev     | shop     | ''              | pods         | true  | viewer on cluster dev, namespace shop may read logs of pods
            view   | list    | staging |          | ''              | namespaces   | true  | viewer on cluster staging may list namespaces
            view   | get     | prod    | shop     | ''              | secrets      | true  | viewer on cluster prod, namespace shop may get secrets
            view   | get     | prod    | shop     | ''              | secrets/data | false | viewer on cluster prod, namespace shop may not get the data of secrets
            view   | delete  | prod    |          | apps            | deployments  | false | viewer on cluster prod may not delete deployments
            view   | scale   | dev     | shop     | apps            | deployments  | false | viewer on cluster dev, namespace shop may not scale deployments
            shop   | scale   | prod    | shop     | apps            | deployments  | true  | operator on cluster prod, namespace shop may scale deployments
            shop   | scale   | prod    | payments | apps            | deployments  | false | {shop} has no role in namespace payments on cluster prod; their roles there cover only namespace shop
            shop   | list    | prod    |          | apps            | deployments  | false | {shop}'s roles on cluster prod cover only namespace shop; to list deployments across all namespaces or cluster-wide, a role on all namespaces is needed
            shop   | get     | staging | payments | apps            | deployments  | true  | viewer on cluster staging, namespace payments may get deployments
            shop   | delete  | staging | shop     | apps            | deployments  | false | viewer on cluster staging, namespace shop may not delete deployments
            shop   | get     | dev     | shop     | ''              | pods         | false | {shop} has no role on cluster dev
            mix    | update  | prod    | shop     | apps            | deployments  | true  | {deployer} on cluster prod, namespace shop may update deployments
            mix    | delete  | prod    | shop     | apps            | deployments  | false | {deployer} and viewer on cluster prod, namespace shop may not delete deployments
            mix    | update  | prod    | web      | apps            | deployments  | false | viewer on cluster prod, namespace web may not update deployments
            nobody | get     | prod    | shop     | ''              | pods         | false | {nobody} has no role on cluster prod
            """)
    void decides(
            String user,
            String verb,
            String cluster,
            String namespace,
            String apiGroup,
            String resource,
            boolean allowed,
            String explanation) {
        var decision = access.decide(new AccessRequest(
                users.get(user), Verb.parse(verb).orElseThrow(), cluster, namespace, apiGroup, resource));

        assertThat(decision.allowed()).as(decision.explanation()).isEqualTo(allowed);
        assertThat(decision.explanation()).isEqualTo(expand(explanation));
    }

    @Test
    void namespaceScopeListsWhereAUserMayAct() {
        assertThat(access.namespaces(users.get("shop"), Verb.SCALE, "prod", "apps", "deployments"))
                .isEqualTo(new NamespaceScope(false, Set.of("shop")));
        assertThat(access.namespaces(users.get("ops"), Verb.SCALE, "prod", "apps", "deployments")
                        .all())
                .isTrue();
        assertThat(access.namespaces(users.get("view"), Verb.SCALE, "prod", "apps", "deployments")
                        .names())
                .isEmpty();
    }

    @Test
    void checkThrowsA403WithTheExplanation() {
        var request = new AccessRequest(users.get("view"), Verb.DELETE, "prod", "shop", "apps", "deployments");
        assertThatThrownBy(() -> access.check(request))
                .isInstanceOf(ApiException.class)
                .hasMessage("viewer on cluster prod, namespace shop may not delete deployments");
    }

    /** {alias} becomes the user's real name; {deployer} the custom role's. */
    private String expand(String template) {
        String result = template;
        for (var user : users.entrySet()) {
            result = result.replace("{" + user.getKey() + "}", user.getValue());
        }
        return result.replace("{deployer}", deployer);
    }
}
