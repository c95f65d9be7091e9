package dev.pilothouse.platform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The master key ids of the secrets stored in the database, found without knowing the features'
 * tables: every text column named {@code *_encrypted} holds {@link SecretCipher}'s {@code
 * v1:<key id>:...} or {@code v2:<key id>:...} values. Before the first migration there are no such columns, and no secrets.
 */
final class StoredKeyIds {

    private StoredKeyIds() {}

    private record Column(String table, String column) {}

    static Map<String, Integer> find(JdbcClient jdbc) {
        List<Column> columns = jdbc.sql("""
                        SELECT table_name, column_name FROM information_schema.columns
                        WHERE table_schema = current_schema() AND column_name LIKE '%\\_encrypted'
                          AND data_type = 'text'
                        """)
                .query((rs, i) -> new Column(rs.getString(1), rs.getString(2)))
                .list();
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (Column c : columns) {
            String quoted = "\"" + c.table().replace("\"", "\"\"") + "\".\""
                    + c.column().replace("\"", "\"\"") + "\"";
            jdbc.sql("SELECT split_part(" + quoted + ", ':', 2) AS id, count(*) AS n FROM " + quoted.split("\\.")[0]
                            + " WHERE " + quoted + " ~ '^v[12]:' GROUP BY 1")
                    .query((rs, i) -> Map.entry(rs.getString("id"), rs.getInt("n")))
                    .list()
                    .forEach(e -> ids.merge(e.getKey(), e.getValue(), Integer::sum));
        }
        return ids;
    }
}
