package dev.pilothouse.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.unit.DataSize;

/**
 * A replica started without PILOTHOUSE_MASTER_KEY and without a master.key file does not generate
 * a key of its own when the database already holds secrets sealed by another: it would never read
 * them. It stops with a message that says what to set.
 */
class MasterKeyReplicaTest {

    @TempDir
    Path dataDir;

    JdbcClient jdbc;

    @BeforeEach
    void connect() {
        jdbc = JdbcClient.create(
                new DriverManagerDataSource(TestDatabase.jdbcUrl(), TestDatabase.user(), TestDatabase.password()));
    }

    @AfterEach
    void drop() {
        jdbc.sql("DROP TABLE IF EXISTS replica_test_secrets").update();
    }

    @Test
    void aSecondReplicaWithoutTheKeyRefusesToGenerateOne() {
        String sealed = new SecretCipher(new PlatformProperties(dataDir.resolve("first"), "", DataSize.ofMegabytes(1)))
                .encrypt("token", new SecretCipher.Place("replica_test_secrets", "1", "token_encrypted"));
        String firstKeyId = sealed.split(":")[1];
        // Where a feature's table would be: any text column named *_encrypted is looked at.
        jdbc.sql("CREATE TABLE IF NOT EXISTS replica_test_secrets (token_encrypted text)")
                .update();
        jdbc.sql("INSERT INTO replica_test_secrets VALUES (?)").param(sealed).update();

        Path second = dataDir.resolve("second");
        assertThatThrownBy(() -> new SecretCipher(new PlatformProperties(second, "", DataSize.ofMegabytes(1)), jdbc))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(firstKeyId)
                .hasMessageContaining("Set PILOTHOUSE_MASTER_KEY");
        assertThat(Files.exists(second.resolve(MasterKey.FILE_NAME))).isFalse();
    }
}
