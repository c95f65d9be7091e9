package dev.pilothouse.ai.provider;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The chat providers we speak to, with the defaults a fresh install uses. */
public enum ProviderKind implements RemoteApi {
    ANTHROPIC("anthropic", "Anthropic", "claude-sonnet-4-5", "https://api.anthropic.com"),
    OPENAI("openai", "OpenAI", "gpt-4o-mini", "https://api.openai.com/v1"),
    OLLAMA("ollama", "Ollama", "llama3.1", "http://localhost:11434");

    private final String id;
    private final String displayName;
    private final String defaultModel;
    private final String defaultBaseUrl;

    ProviderKind(String id, String displayName, String defaultModel, String defaultBaseUrl) {
        this.id = id;
        this.displayName = displayName;
        this.defaultModel = defaultModel;
        this.defaultBaseUrl = defaultBaseUrl;
    }

    public String id() {
        return id;
    }

    @Override
    public String displayName() {
        return displayName;
    }

    public String defaultModel() {
        return defaultModel;
    }

    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    /** Ollama runs locally without a key; the hosted APIs need one. */
    public boolean needsApiKey() {
        return this != OLLAMA;
    }

    public static Optional<ProviderKind> parse(String id) {
        if (id == null) return Optional.empty();
        String wanted = id.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.id.equals(wanted)).findFirst();
    }

    public static String validIds() {
        return Arrays.stream(values()).map(ProviderKind::id).collect(Collectors.joining(", "));
    }
}
