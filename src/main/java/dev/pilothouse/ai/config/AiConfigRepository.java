package dev.pilothouse.ai.config;

import dev.pilothouse.ai.provider.EmbeddingSettings;
import dev.pilothouse.ai.provider.ProviderKind;
import dev.pilothouse.platform.EncryptedSettings;
import dev.pilothouse.platform.SecretCipher;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ai_config} (one row) and {@code ai_provider_keys} (one encrypted key per provider,
 * plus "voyage"). Keys are encrypted here and decrypted only to build a provider.
 */
@Repository
class AiConfigRepository implements EncryptedSettings {

    static final String VOYAGE = "voyage";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final SecretCipher cipher;

    AiConfigRepository(JdbcClient jdbc, JsonMapper json, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.json = json;
        this.cipher = cipher;
    }

    record KeyInfo(String provider, String last4) {}

    Optional<AiSettings> load() {
        return jdbc.sql(
                        "SELECT provider, model, base_url, tools_enabled, options, updated_at, updated_by FROM ai_config WHERE id = 1")
                .query(this::map)
                .optional();
    }

    Optional<Instant> updatedAt() {
        return jdbc.sql("SELECT updated_at FROM ai_config WHERE id = 1")
                .query((rs, i) -> rs.getTimestamp(1).toInstant())
                .optional();
    }

    /** Inserts the row unless one exists (another replica may have seeded it first). */
    boolean insertIfAbsent(AiSettings s) {
        return jdbc.sql("""
                INSERT INTO ai_config (id, provider, model, base_url, tools_enabled, options, updated_by)
                VALUES (1, :provider, :model, :baseUrl, :tools, CAST(:options AS jsonb), :by)
                ON CONFLICT (id) DO NOTHING
                """).params(params(s)).update() == 1;
    }

    void save(AiSettings s) {
        jdbc.sql("""
                UPDATE ai_config SET provider = :provider, model = :model, base_url = :baseUrl, tools_enabled = :tools,
                       options = CAST(:options AS jsonb), updated_at = clock_timestamp(), updated_by = :by
                WHERE id = 1
                """).params(params(s)).update();
    }

    Optional<String> key(String provider) {
        return jdbc.sql("SELECT api_key_encrypted FROM ai_provider_keys WHERE provider = ?")
                .param(provider)
                .query(String.class)
                .optional()
                .map(stored -> cipher.decrypt(stored, keyPlace(provider), settingName(provider)));
    }

    Map<String, String> last4s() {
        var out = new LinkedHashMap<String, String>();
        jdbc.sql("SELECT provider, last4 FROM ai_provider_keys ORDER BY provider")
                .query((rs, i) -> new KeyInfo(rs.getString(1), rs.getString(2)))
                .list()
                .forEach(k -> out.put(k.provider(), k.last4()));
        return out;
    }

    void putKey(String provider, String apiKey, String actor) {
        jdbc.sql("""
                INSERT INTO ai_provider_keys (provider, api_key_encrypted, last4, updated_by) VALUES (:p, :k, :l, :by)
                ON CONFLICT (provider) DO UPDATE SET api_key_encrypted = excluded.api_key_encrypted, last4 = excluded.last4,
                       updated_at = now(), updated_by = excluded.updated_by
                """)
                .param("p", provider)
                .param("k", cipher.encrypt(apiKey, keyPlace(provider)))
                .param("l", apiKey.length() <= 4 ? apiKey : apiKey.substring(apiKey.length() - 4))
                .param("by", actor)
                .update();
    }

    /** Inserts a key unless one is stored: the environment never overwrites the settings page. */
    void putKeyIfAbsent(String provider, String apiKey) {
        if (key(provider).isEmpty()) putKey(provider, apiKey, "system");
    }

    void deleteKey(String provider) {
        jdbc.sql("DELETE FROM ai_provider_keys WHERE provider = ?")
                .param(provider)
                .update();
    }

    @Override
    public List<StoredSecret> storedSecrets() {
        return jdbc.sql("SELECT provider, api_key_encrypted FROM ai_provider_keys ORDER BY provider")
                .query((rs, i) ->
                        new StoredSecret(settingName(rs.getString(1)), rs.getString(2), keyPlace(rs.getString(1))))
                .list();
    }

    @Override
    public boolean reseal(SecretCipher.Place place, String old, String resealed) {
        return jdbc.sql(
                                "UPDATE ai_provider_keys SET api_key_encrypted = ? WHERE provider = ? AND api_key_encrypted = ?")
                        .params(resealed, place.row(), old)
                        .update()
                == 1;
    }

    /** Where a provider's API key is stored: its ciphertext is bound to that row and column. */
    static SecretCipher.Place keyPlace(String provider) {
        return new SecretCipher.Place("ai_provider_keys", provider, "api_key_encrypted");
    }

    static String settingName(String provider) {
        return ProviderKind.parse(provider)
                        .map(ProviderKind::displayName)
                        .orElse(provider.equals(VOYAGE) ? "Voyage" : provider)
                + " API key";
    }

    private Map<String, Object> params(AiSettings s) {
        var options = new LinkedHashMap<String, Object>();
        options.put("connectTimeoutSeconds", s.connectTimeoutSeconds());
        options.put("readTimeoutSeconds", s.readTimeoutSeconds());
        options.put("maxOutputTokens", s.maxOutputTokens());
        options.put("temperature", s.temperature());
        options.put("embeddingProvider", s.embeddingProvider().id());
        options.put("embeddingModel", s.embeddingModel());
        options.put("embeddingDimensions", s.embeddingDimensions());
        options.put("maxToolSteps", s.maxToolSteps());
        options.put("historyTokenBudget", s.historyTokenBudget());
        options.put("toolOutputTokenBudget", s.toolOutputTokenBudget());
        options.put("dailyTokenBudget", s.dailyTokenBudget());
        options.put("writeToolsEnabled", s.writeToolsEnabled());
        options.put("queryRewriting", s.queryRewriting());
        var params = new LinkedHashMap<String, Object>();
        params.put("provider", s.provider().id());
        params.put("model", s.model());
        params.put("baseUrl", s.baseUrl());
        params.put("tools", s.toolsEnabled());
        params.put("options", json.writeValueAsString(options));
        params.put("by", s.updatedBy());
        return params;
    }

    private AiSettings map(ResultSet rs, int row) throws SQLException {
        JsonNode o = json.readTree(rs.getString("options"));
        ProviderKind provider = ProviderKind.parse(rs.getString("provider")).orElseThrow();
        return new AiSettings(
                provider,
                rs.getString("model"),
                rs.getString("base_url"),
                rs.getBoolean("tools_enabled"),
                o.path("connectTimeoutSeconds").asInt(10),
                o.path("readTimeoutSeconds").asInt(60),
                o.path("maxOutputTokens").asInt(4096),
                o.path("temperature").isNumber() ? o.path("temperature").asDouble() : null,
                EmbeddingSettings.Kind.parse(o.path("embeddingProvider").asString("auto"))
                        .orElse(EmbeddingSettings.Kind.AUTO),
                o.path("embeddingModel").isString() ? o.path("embeddingModel").asString() : null,
                o.path("embeddingDimensions").asInt(0),
                o.path("maxToolSteps").asInt(AiSettings.DEFAULT_MAX_TOOL_STEPS),
                o.path("historyTokenBudget").asInt(AiSettings.DEFAULT_HISTORY_TOKEN_BUDGET),
                o.path("toolOutputTokenBudget").asInt(AiSettings.DEFAULT_TOOL_OUTPUT_TOKEN_BUDGET),
                o.path("dailyTokenBudget").asLong(0),
                o.path("writeToolsEnabled").asBoolean(true),
                o.path("queryRewriting").asBoolean(false),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getString("updated_by"));
    }
}
