package dev.pilothouse.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.ai.config.AiConfigService;
import dev.pilothouse.rbac.AccessControl;
import dev.pilothouse.rbac.AccessRequest;
import dev.pilothouse.rbac.Verb;
import dev.pilothouse.support.ApiClient;
import dev.pilothouse.support.ServerTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;

/**
 * Another replica changes roles or the AI configuration in the shared database and notifies; this
 * replica drops its cache at once, well before the caches' own expiry (RBAC 10 s, AI config 5 s).
 * The "other replica" is a plain JDBC connection doing what a replica's commit does.
 */
class ReplicaNotificationsTest extends ServerTest {

    @Autowired
    DataSourceProperties database;

    @Autowired
    AccessControl access;

    @Autowired
    AiConfigService aiConfig;

    Connection otherReplica() throws SQLException {
        return DriverManager.getConnection(
                database.determineUrl(), database.determineUsername(), database.determinePassword());
    }

    static boolean within(long millis, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) return true;
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }

    @Test
    void aRoleGrantedOnAnotherReplicaAppliesHereAtOnce() throws Exception {
        String username = ApiClient.uniqueName("replica");
        UUID user = admin().createUser(username, "long-enough-pw", false);
        var request = new AccessRequest(username, Verb.LIST, "demo", "shop", "", "pods");
        assertThat(access.decide(request).allowed()).isFalse(); // and now cached

        try (Connection other = otherReplica();
                var statement = other.createStatement()) {
            statement.execute("INSERT INTO role_bindings (id, user_id, role_id) SELECT gen_random_uuid(), '" + user
                    + "', id FROM roles WHERE name = 'viewer'");
            statement.execute("NOTIFY pilothouse_rbac");
        }

        assertThat(within(2_000, () -> access.decide(request).allowed()))
                .as("allowed within 2 s, not after the 10 s cache expiry")
                .isTrue();
    }

    @Test
    void anAiConfigChangedOnAnotherReplicaAppliesHereAtOnce() throws Exception {
        String before = aiConfig.provider().model(); // built and cached
        try (Connection other = otherReplica();
                var statement = other.createStatement()) {
            statement.execute("UPDATE ai_config SET model = 'model-from-another-replica', updated_at = now()");
            statement.execute("NOTIFY pilothouse_ai_config");
            assertThat(within(2_000, () -> aiConfig.provider().model().equals("model-from-another-replica")))
                    .as("the new model within 2 s, before the 5 s refresh")
                    .isTrue();
        } finally {
            try (Connection other = otherReplica();
                    var update = other.prepareStatement("UPDATE ai_config SET model = ?, updated_at = now()")) {
                update.setString(1, before);
                update.executeUpdate();
            }
        }
    }
}
