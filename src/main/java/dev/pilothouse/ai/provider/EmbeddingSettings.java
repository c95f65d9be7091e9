package dev.pilothouse.ai.provider;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which embedder to use. {@code AUTO} is the in-process model, except for Claude users with a
 * Voyage key, who get Voyage.
 *
 * @param model null for the kind's default
 * @param dimensions 0 for the model's default
 */
public record EmbeddingSettings(Kind kind, String model, int dimensions) {

    public enum Kind {
        AUTO("auto", null, 0),
        LOCAL("local", LocalEmbedder.MODEL_NAME, LocalEmbedder.DIMENSIONS),
        OPENAI("openai", "text-embedding-3-small", 1536),
        OLLAMA("ollama", "nomic-embed-text", 768),
        VOYAGE("voyage", "voyage-3.5", 1024);

        private final String id;
        private final String defaultModel;
        private final int defaultDimensions;

        Kind(String id, String defaultModel, int defaultDimensions) {
            this.id = id;
            this.defaultModel = defaultModel;
            this.defaultDimensions = defaultDimensions;
        }

        public String id() {
            return id;
        }

        public static Optional<Kind> parse(String id) {
            if (id == null) return Optional.empty();
            String wanted = id.strip().toLowerCase(Locale.ROOT);
            return Arrays.stream(values()).filter(k -> k.id.equals(wanted)).findFirst();
        }

        public static String validIds() {
            return Arrays.stream(values()).map(Kind::id).collect(Collectors.joining(", "));
        }
    }

    public static final EmbeddingSettings DEFAULT = new EmbeddingSettings(Kind.AUTO, null, 0);

    public EmbeddingSettings {
        kind = kind == null ? Kind.AUTO : kind;
        model = model == null || model.isBlank() ? null : model.strip();
    }

    /** The concrete kind for a chat provider, given whether a Voyage key is set. */
    public Kind resolve(ProviderKind provider, boolean voyageKeySet) {
        if (kind != Kind.AUTO) return kind;
        return provider == ProviderKind.ANTHROPIC && voyageKeySet ? Kind.VOYAGE : Kind.LOCAL;
    }

    public String modelFor(Kind resolved) {
        // The local model is fixed: a configured name for another kind does not apply to it.
        if (resolved == Kind.LOCAL) return LocalEmbedder.MODEL_NAME;
        return model != null && kind == resolved ? model : resolved.defaultModel;
    }

    public int dimensionsFor(Kind resolved) {
        if (resolved == Kind.LOCAL) return LocalEmbedder.DIMENSIONS;
        return dimensions > 0 && kind == resolved ? dimensions : resolved.defaultDimensions;
    }
}
