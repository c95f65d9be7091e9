package dev.pilothouse.rbac;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for {@code roles} and {@code role_bindings}. Rules are stored as a JSON array. */
@Repository
class RbacRepository {

    private static final TypeReference<List<Rule>> RULES = new TypeReference<>() {};
    private static final String ROLE_COLUMNS = "id, name, description, builtin, rules, created_at, updated_at";
    private static final String BINDING_SELECT = """
            SELECT b.id, b.user_id, u.username, b.role_id, r.name AS role_name, b.clusters, b.namespaces, b.created_at
            FROM role_bindings b JOIN users u ON u.id = b.user_id JOIN roles r ON r.id = b.role_id
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    RbacRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    // ------------------------------------------------------------------ roles

    List<Role> roles() {
        return jdbc.sql("SELECT " + ROLE_COLUMNS + " FROM roles ORDER BY builtin DESC, name")
                .query(this::mapRole)
                .list();
    }

    Optional<Role> role(UUID id) {
        return jdbc.sql("SELECT " + ROLE_COLUMNS + " FROM roles WHERE id = ?")
                .param(id)
                .query(this::mapRole)
                .optional();
    }

    Optional<Role> roleByName(String name) {
        return jdbc.sql("SELECT " + ROLE_COLUMNS + " FROM roles WHERE name = ?")
                .param(name)
                .query(this::mapRole)
                .optional();
    }

    /** @return false when the name is taken (the unique index decides, so concurrent creates are safe) */
    boolean insertRole(UUID id, String name, String description, boolean builtin, List<Rule> rules) {
        return jdbc.sql("""
                        INSERT INTO roles (id, name, description, builtin, rules)
                        VALUES (?, ?, ?, ?, CAST(? AS jsonb))
                        ON CONFLICT DO NOTHING
                        """)
                        .params(id, name, description, builtin, json.writeValueAsString(rules))
                        .update()
                == 1;
    }

    /** @return whether anything changed (so unchanged built-in roles are not rewritten on every start) */
    boolean updateRole(UUID id, String name, String description, boolean builtin, List<Rule> rules) {
        String rulesJson = json.writeValueAsString(rules);
        return jdbc.sql("""
                        UPDATE roles SET name = ?, description = ?, builtin = ?, rules = CAST(? AS jsonb), updated_at = now()
                        WHERE id = ? AND (name, description, builtin, rules) IS DISTINCT FROM (?, ?, ?, CAST(? AS jsonb))
                        """)
                        .params(name, description, builtin, rulesJson, id, name, description, builtin, rulesJson)
                        .update()
                == 1;
    }

    void deleteRole(UUID id) {
        jdbc.sql("DELETE FROM roles WHERE id = ?").param(id).update();
    }

    long countBindingsOf(UUID roleId) {
        return jdbc.sql("SELECT count(*) FROM role_bindings WHERE role_id = ?")
                .param(roleId)
                .query(Long.class)
                .single();
    }

    // ------------------------------------------------------------------ bindings

    List<RoleBinding> bindings(UUID userId) {
        if (userId == null) {
            return jdbc.sql(BINDING_SELECT + " ORDER BY lower(u.username), r.name, b.created_at")
                    .query(RbacRepository::binding)
                    .list();
        }
        return jdbc.sql(BINDING_SELECT + " WHERE b.user_id = ? ORDER BY r.name, b.created_at")
                .param(userId)
                .query(RbacRepository::binding)
                .list();
    }

    Optional<RoleBinding> binding(UUID id) {
        return jdbc.sql(BINDING_SELECT + " WHERE b.id = ?")
                .param(id)
                .query(RbacRepository::binding)
                .optional();
    }

    /** @return false when the same user already has the same role on the same scope */
    boolean insertBinding(UUID id, UUID userId, UUID roleId, List<String> clusters, List<String> namespaces) {
        return jdbc.sql("""
                        INSERT INTO role_bindings (id, user_id, role_id, clusters, namespaces)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT DO NOTHING
                        """)
                        .params(id, userId, roleId, clusters.toArray(String[]::new), namespaces.toArray(String[]::new))
                        .update()
                == 1;
    }

    void deleteBinding(UUID id) {
        jdbc.sql("DELETE FROM role_bindings WHERE id = ?").param(id).update();
    }

    /** Everything the decision needs about one user, in one query. Disabled users have no grants. */
    List<Grant> grantsOf(String username) {
        return jdbc.sql("""
                        SELECT r.name, r.rules, b.clusters, b.namespaces
                        FROM role_bindings b JOIN users u ON u.id = b.user_id JOIN roles r ON r.id = b.role_id
                        WHERE lower(u.username) = lower(?) AND NOT u.disabled
                        ORDER BY r.name
                        """)
                .param(username)
                .query((rs, i) -> new Grant(
                        rs.getString("name"),
                        json.readValue(rs.getString("rules"), RULES),
                        strings(rs, "clusters"),
                        strings(rs, "namespaces")))
                .list();
    }

    private Role mapRole(ResultSet rs, int row) throws SQLException {
        return new Role(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("description"),
                rs.getBoolean("builtin"),
                json.readValue(rs.getString("rules"), RULES),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static RoleBinding binding(ResultSet rs, int row) throws SQLException {
        return new RoleBinding(
                rs.getObject("id", UUID.class),
                rs.getObject("user_id", UUID.class),
                rs.getString("username"),
                rs.getObject("role_id", UUID.class),
                rs.getString("role_name"),
                strings(rs, "clusters"),
                strings(rs, "namespaces"),
                rs.getTimestamp("created_at").toInstant());
    }

    private static List<String> strings(ResultSet rs, String column) throws SQLException {
        return Arrays.asList((String[]) rs.getArray(column).getArray());
    }
}
