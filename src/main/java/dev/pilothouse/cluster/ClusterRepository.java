package dev.pilothouse.cluster;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code clusters}. The kubeconfig column holds ciphertext only. */
@Repository
class ClusterRepository {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ClusterRepository.class);

    record Row(
            UUID id,
            String name,
            String displayName,
            ClusterSource source,
            String kubeconfigEncrypted,
            String context,
            boolean impersonate,
            Instant createdAt,
            Instant updatedAt) {}

    private final JdbcClient jdbc;

    ClusterRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Row> findAll() {
        return jdbc.sql("SELECT * FROM clusters ORDER BY name")
                .query(ClusterRepository::map)
                .list();
    }

    Optional<Row> find(String name) {
        log.trace("reading the row of cluster {}", name); // counted by a test of how often one request reads it
        return jdbc.sql("SELECT * FROM clusters WHERE name = ?")
                .param(name)
                .query(ClusterRepository::map)
                .optional();
    }

    long count() {
        return jdbc.sql("SELECT count(*) FROM clusters").query(Long.class).single();
    }

    /** @return false when the name is taken */
    boolean insert(Row row) {
        return jdbc.sql("""
                        INSERT INTO clusters (id, name, display_name, source, kubeconfig_encrypted, context, impersonate)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (name) DO NOTHING
                        """)
                        .params(
                                row.id(),
                                row.name(),
                                row.displayName(),
                                row.source().value(),
                                row.kubeconfigEncrypted(),
                                row.context(),
                                row.impersonate())
                        .update()
                == 1;
    }

    void update(Row row) {
        jdbc.sql("""
                UPDATE clusters SET display_name = ?, kubeconfig_encrypted = ?, context = ?, impersonate = ?,
                       updated_at = now()
                WHERE name = ?
                """)
                .params(row.displayName(), row.kubeconfigEncrypted(), row.context(), row.impersonate(), row.name())
                .update();
    }

    /** Swaps the stored kubeconfig ciphertext for the same file sealed anew; updated_at stays (nothing changed). */
    boolean replaceKubeconfigCiphertext(String name, String old, String resealed) {
        return jdbc.sql("UPDATE clusters SET kubeconfig_encrypted = ? WHERE name = ? AND kubeconfig_encrypted = ?")
                        .params(resealed, name, old)
                        .update()
                == 1;
    }

    boolean delete(String name) {
        return jdbc.sql("DELETE FROM clusters WHERE name = ?").param(name).update() == 1;
    }

    private static Row map(ResultSet rs, int i) throws SQLException {
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("display_name"),
                ClusterSource.parse(rs.getString("source")),
                rs.getString("kubeconfig_encrypted"),
                rs.getString("context"),
                rs.getBoolean("impersonate"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
