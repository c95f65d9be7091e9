package dev.pilothouse.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.support.ApiClient;
import dev.pilothouse.support.ServerTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Secrets written through the cipher are not readable in their database rows. */
class StoredSecretsTest extends ServerTest {

    static final SecretCipher.Place PLACE =
            new SecretCipher.Place("ai_provider_keys", "test-provider", "api_key_encrypted");

    @Autowired
    SecretCipher cipher;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SecretsHealthIndicator health;

    @Test
    void anApiKeyIsNotReadableInItsRow() {
        String apiKey = "sk-test-" + ApiClient.uniqueName("key");
        jdbc.sql("""
                INSERT INTO ai_provider_keys (provider, api_key_encrypted, last4) VALUES ('test-provider', ?, ?)
                ON CONFLICT (provider) DO UPDATE SET api_key_encrypted = excluded.api_key_encrypted
                """)
                .params(cipher.encrypt(apiKey, PLACE), apiKey.substring(apiKey.length() - 4))
                .update();

        String row = jdbc.sql("SELECT row_to_json(k)::text FROM ai_provider_keys k WHERE provider = 'test-provider'")
                .query(String.class)
                .single();

        assertThat(row).doesNotContain(apiKey).doesNotContain(apiKey.substring(0, 12));
        String stored = jdbc.sql("SELECT api_key_encrypted FROM ai_provider_keys WHERE provider = 'test-provider'")
                .query(String.class)
                .single();
        assertThat(cipher.decrypt(stored, PLACE, "test key")).isEqualTo(apiKey);
    }

    @Test
    void healthNamesASecretTheMasterKeyCannotOpen() {
        var foreign = SecretCipherTest.cipher(SecretCipherTest.randomKey(), java.nio.file.Path.of("target"));
        var indicator = new SecretsHealthIndicator(
                List.of(() -> List.of(
                        new EncryptedSettings.StoredSecret("OpenAI API key", foreign.encrypt("sk-1", PLACE), PLACE),
                        new EncryptedSettings.StoredSecret("Anthropic API key", cipher.encrypt("sk-2", PLACE), PLACE))),
                cipher);

        assertThat(indicator.unreadableSettings()).containsExactly("OpenAI API key");
        assertThat(indicator.health().getStatus()).isEqualTo(SecretsHealthIndicator.UNREADABLE);
        assertThat(health.health().getStatus().getCode()).isEqualTo("UP");
    }

    @Test
    void healthStillAnswersWhenTheDatabaseIsDown() {
        var indicator = new SecretsHealthIndicator(
                List.of(() -> {
                    throw new org.springframework.jdbc.CannotGetJdbcConnectionException(
                            "Failed to obtain JDBC Connection");
                }),
                cipher);

        assertThat(indicator.health().getStatus().getCode()).isEqualTo("UNKNOWN");
    }
}
