package dev.pilothouse.ai.rag;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What kind of text a chunk came from; stored in {@code ai_embeddings.source_type} and shown in citations. */
public enum SourceType {
    DOCS,
    PLUGIN,
    CRD,
    OPENAPI;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SourceType> parse(String id) {
        return Arrays.stream(values())
                .filter(t -> t.id().equalsIgnoreCase(id == null ? "" : id.strip()))
                .findFirst();
    }
}
