package dev.pilothouse.ai.provider;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Builds the configured provider and its embedder. Pure: no Spring, no database; the config
 * service calls it again whenever the configuration changes.
 */
public final class LlmProviderFactory {

    public static final String VOYAGE_BASE_URL = "https://api.voyageai.com";

    private final Supplier<Embedder> localEmbedder;

    public LlmProviderFactory() {
        this(LocalEmbedder::shared);
    }

    /** @param localEmbedder the in-process embedder (tests pass a small fake) */
    public LlmProviderFactory(Supplier<Embedder> localEmbedder) {
        this.localEmbedder = localEmbedder;
    }

    /**
     * @param voyageApiKey null or blank when none is set
     * @param voyageBaseUrl null for Voyage's own endpoint
     */
    public LlmProvider create(
            ProviderSettings settings, EmbeddingSettings embedding, String voyageApiKey, String voyageBaseUrl) {
        Embedder embedder = embedder(settings, embedding, voyageApiKey, voyageBaseUrl);
        return switch (settings.kind()) {
            case ANTHROPIC -> new AnthropicProvider(settings, embedder);
            case OPENAI -> new OpenAiProvider(settings, embedder);
            case OLLAMA -> new OllamaProvider(settings, embedder);
        };
    }

    public LlmProvider create(ProviderSettings settings) {
        return create(settings, EmbeddingSettings.DEFAULT, null, null);
    }

    private Embedder embedder(
            ProviderSettings settings, EmbeddingSettings embedding, String voyageKey, String voyageBaseUrl) {
        boolean voyageKeySet = voyageKey != null && !voyageKey.isBlank();
        EmbeddingSettings.Kind kind = embedding.resolve(settings.kind(), voyageKeySet);
        String model = embedding.modelFor(kind);
        int dims = embedding.dimensionsFor(kind);
        return switch (kind) {
            case AUTO, LOCAL -> lazy(localEmbedder, model, dims);
            case OPENAI -> {
                // With OpenAI as the chat provider, embeddings go to the same (maybe compatible) server.
                ProviderSettings openAi = settings.kind() == ProviderKind.OPENAI
                        ? settings
                        : ProviderSettings.of(ProviderKind.OPENAI, null, settings.apiKey(), null);
                var translate = new OpenAiProvider(openAi, null);
                yield RemoteEmbedder.openAi(OpenAiProvider.client(openAi), model, dims, translate::translate);
            }
            case OLLAMA -> {
                String base = settings.kind() == ProviderKind.OLLAMA
                        ? settings.effectiveBaseUrl()
                        : ProviderKind.OLLAMA.defaultBaseUrl();
                yield RemoteEmbedder.ollama(
                        new HttpJson(
                                ProviderKind.OLLAMA, base, settings.connectTimeout(), settings.readTimeout(), Map.of()),
                        model,
                        dims);
            }
            case VOYAGE -> {
                if (!voyageKeySet) yield lazy(localEmbedder, LocalEmbedder.MODEL_NAME, LocalEmbedder.DIMENSIONS);
                String base = voyageBaseUrl == null || voyageBaseUrl.isBlank() ? VOYAGE_BASE_URL : voyageBaseUrl;
                yield RemoteEmbedder.voyage(
                        new HttpJson(
                                RemoteApi.VOYAGE,
                                base,
                                settings.connectTimeout(),
                                settings.readTimeout(),
                                Map.of("Authorization", "Bearer " + voyageKey)),
                        model,
                        dims);
            }
        };
    }

    /** Defers loading the ONNX model until something embeds. */
    private static Embedder lazy(Supplier<Embedder> supplier, String model, int dims) {
        return new Embedder() {
            @Override
            public String modelName() {
                return model;
            }

            @Override
            public int dimensions() {
                return dims;
            }

            @Override
            public java.util.List<float[]> embed(java.util.List<String> texts) {
                return supplier.get().embed(texts);
            }
        };
    }
}
