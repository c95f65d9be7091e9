package dev.pilothouse.ai.rag;

import dev.pilothouse.plugin.Plugin;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Plugin manifests: each plugin's documentation, and a chunk per custom resource kind it knows. */
final class PluginSource implements IndexSource {

    private final Supplier<List<Plugin>> plugins;

    public PluginSource(Supplier<List<Plugin>> plugins) {
        this.plugins = plugins;
    }

    @Override
    public String key() {
        return "plugins";
    }

    @Override
    public SourceType type() {
        return SourceType.PLUGIN;
    }

    @Override
    public String cluster() {
        return null;
    }

    @Override
    public Listing list() {
        return Listing.of(plugins.get().stream().map(PluginSource::document).toList());
    }

    static SourceDocument document(Plugin p) {
        String title = "Plugin " + p.name();
        String location = p.homepage() != null && !p.homepage().isBlank() ? p.homepage() : p.source();
        var chunks = new ArrayList<Chunk>();
        chunks.add(new Chunk(title, "Overview", location, p.name() + " " + p.version() + ": " + p.description()));
        String docs = p.documentation() == null ? "" : p.documentation();
        chunks.addAll(MarkdownChunker.chunk(title, location, docs));
        for (Plugin.Kind k : p.kinds()) {
            var text = new StringBuilder()
                    .append(k.kind())
                    .append(" (")
                    .append(k.apiVersion())
                    .append(", ")
                    .append(k.scope().name().toLowerCase())
                    .append(", plural ")
                    .append(k.plural())
                    .append(")");
            if (k.description() != null && !k.description().isBlank())
                text.append(": ").append(k.description().strip());
            text.append("\nColumns the dashboard shows:");
            for (Plugin.Column c : k.columns()) {
                text.append("\n- ")
                        .append(c.name())
                        .append(" (`")
                        .append(c.jsonPath())
                        .append("`, ")
                        .append(c.type().value())
                        .append(")");
                if (c.description() != null && !c.description().isBlank())
                    text.append(": ").append(c.description().strip());
            }
            chunks.addAll(MarkdownChunker.split(text.toString()).stream()
                    .map(piece -> new Chunk(title, k.kind(), location, piece))
                    .toList());
        }
        return new SourceDocument("plugin/" + p.name(), null, chunks);
    }
}
