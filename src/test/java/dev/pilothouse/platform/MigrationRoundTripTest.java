package dev.pilothouse.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Applies every migration, rolls every one back, and applies them again, in a schema of its own
 * so the shared test database is untouched. A rollback that leaves something behind, or a
 * migration that cannot run twice from scratch, fails here.
 */
class MigrationRoundTripTest {

    static final String CHANGELOG = "db/changelog/db.changelog-master.yaml";
    static final List<String> TABLES = List.of(
            "users",
            "login_failures",
            "spring_session",
            "spring_session_attributes",
            "audit_log",
            "roles",
            "role_bindings",
            "clusters",
            "ai_config",
            "ai_provider_keys",
            "ai_conversations",
            "ai_messages",
            "ai_embeddings",
            "ai_rag_sources",
            "ai_rag_progress",
            "ai_confirmations");

    String schema = "roundtrip_" + Long.toHexString(System.nanoTime());
    Connection connection;
    JdbcClient jdbc;

    @BeforeEach
    void connect() throws Exception {
        String url = TestDatabase.jdbcUrl();
        try (Connection admin = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password())) {
            admin.createStatement().execute("CREATE SCHEMA " + schema);
        }
        // public stays on the path for the vector type, which the extension installed there.
        connection = DriverManager.getConnection(
                url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema + ",public",
                TestDatabase.user(),
                TestDatabase.password());
        jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
    }

    @AfterEach
    void dropSchema() throws Exception {
        connection.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
        connection.close();
    }

    @Test
    void appliesRollsBackAndAppliesAgain() throws Exception {
        Liquibase liquibase = liquibase();
        int changesets = liquibase.getDatabaseChangeLog().getChangeSets().size();

        liquibase.update("");
        assertThat(tables()).containsAll(TABLES);
        assertThat(indexes()).contains("ai_embeddings_minilm_ivfflat_idx", "ai_embeddings_tsv_idx");

        liquibase.rollback(changesets, "");
        assertThat(tables()).doesNotContainAnyElementsOf(TABLES);
        assertThat(jdbc.sql("SELECT count(*) FROM databasechangelog")
                        .query(Integer.class)
                        .single())
                .isZero();

        liquibase.update("");
        assertThat(tables()).containsAll(TABLES);
    }

    @Test
    void embeddingsOfAnyDimensionShareTheTable() throws Exception {
        liquibase().update("");
        jdbc.sql("""
                INSERT INTO ai_embeddings (source_type, source_id, chunk_index, content, content_hash, model, dims, embedding)
                VALUES ('docs', 'a.md', 0, 'small', 'h1', 'model-a', 3, '[1,2,3]'),
                       ('docs', 'a.md', 0, 'large', 'h2', 'model-b', 4, '[1,2,3,4]')
                """).update();
        assertThat(jdbc.sql("SELECT count(*) FROM ai_embeddings")
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
    }

    private Liquibase liquibase() {
        try {
            Database database =
                    DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            database.setDefaultSchemaName(schema);
            return new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), database);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> tables() {
        return jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = ?")
                .param(schema)
                .query(String.class)
                .list();
    }

    private List<String> indexes() {
        return jdbc.sql("SELECT indexname FROM pg_indexes WHERE schemaname = ?")
                .param(schema)
                .query(String.class)
                .list();
    }
}
