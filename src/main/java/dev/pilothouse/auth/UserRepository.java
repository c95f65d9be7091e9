package dev.pilothouse.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code users}. Usernames compare case-insensitively. */
@Repository
class UserRepository {

    private static final String COLUMNS = "id, username, display_name, admin, disabled, created_at, last_login_at";

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Credentials(String username, String passwordHash, boolean admin, boolean disabled) {}

    Optional<Credentials> credentials(String username) {
        return jdbc.sql("SELECT username, password_hash, admin, disabled FROM users WHERE lower(username) = lower(?)")
                .param(username)
                .query((rs, i) -> new Credentials(
                        rs.getString("username"),
                        rs.getString("password_hash"),
                        rs.getBoolean("admin"),
                        rs.getBoolean("disabled")))
                .optional();
    }

    Optional<User> findByUsername(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE lower(username) = lower(?)")
                .param(username)
                .query(UserRepository::map)
                .optional();
    }

    Optional<User> findById(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = ?")
                .param(id)
                .query(UserRepository::map)
                .optional();
    }

    List<User> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users ORDER BY lower(username)")
                .query(UserRepository::map)
                .list();
    }

    long count() {
        return jdbc.sql("SELECT count(*) FROM users").query(Long.class).single();
    }

    /**
     * Counts the active administrators and locks their rows until the transaction ends, so two
     * administrators demoting each other at once cannot both see "there is another one".
     */
    long lockActiveAdmins() {
        return jdbc.sql("SELECT id FROM users WHERE admin AND NOT disabled FOR UPDATE")
                .query(java.util.UUID.class)
                .list()
                .size();
    }

    /** @return false when the username is taken (checked by the unique index, so races are safe) */
    boolean insert(UUID id, String username, String displayName, String passwordHash, boolean admin) {
        return jdbc.sql("""
                        INSERT INTO users (id, username, display_name, password_hash, admin)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT DO NOTHING
                        """)
                        .params(id, username, displayName, passwordHash, admin)
                        .update()
                == 1;
    }

    void update(UUID id, String displayName, boolean admin, boolean disabled) {
        jdbc.sql("UPDATE users SET display_name = ?, admin = ?, disabled = ?, updated_at = now() WHERE id = ?")
                .params(displayName, admin, disabled, id)
                .update();
    }

    void updatePassword(UUID id, String passwordHash) {
        jdbc.sql("UPDATE users SET password_hash = ?, password_changed_at = now(), updated_at = now() WHERE id = ?")
                .params(passwordHash, id)
                .update();
    }

    void touchLastLogin(String username) {
        jdbc.sql("UPDATE users SET last_login_at = now() WHERE lower(username) = lower(?)")
                .param(username)
                .update();
    }

    private static User map(ResultSet rs, int row) throws SQLException {
        Timestamp lastLogin = rs.getTimestamp("last_login_at");
        return new User(
                rs.getObject("id", UUID.class),
                rs.getString("username"),
                rs.getString("display_name"),
                rs.getBoolean("admin"),
                rs.getBoolean("disabled"),
                rs.getTimestamp("created_at").toInstant(),
                lastLogin == null ? null : lastLogin.toInstant());
    }
}
