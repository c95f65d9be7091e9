package dev.pilothouse.plugin;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * A loaded, valid plugin manifest.
 *
 * @param documentation markdown for people and for the assistant's documentation index
 * @param source where it was read from, e.g. {@code classpath:plugins/cert-manager.yaml}
 */
public record Plugin(
        String name,
        String version,
        String description,
        String documentation,
        String homepage,
        List<Kind> kinds,
        String source) {

    /** A custom resource kind the plugin adds a view for. */
    public record Kind(
            String group,
            String version,
            String kind,
            String plural,
            Scope scope,
            String description,
            List<Column> columns) {

        public String apiVersion() {
            return group + "/" + version;
        }
    }

    public enum Scope {
        Namespaced,
        Cluster
    }

    /**
     * One table column: a Kubernetes JSONPath (as in a CRD's additionalPrinterColumns) into the
     * object, e.g. {@code .status.conditions[?(@.type=="Ready")].status}.
     */
    public record Column(String name, String jsonPath, ColumnType type, String description) {}

    /** How the UI shows a value; {@code date} values are RFC 3339 times shown as an age. */
    public enum ColumnType {
        STRING,
        NUMBER,
        INTEGER,
        BOOLEAN,
        DATE;

        /** As written in manifests and shown by the API (CRD printer column types). */
        @JsonValue
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
