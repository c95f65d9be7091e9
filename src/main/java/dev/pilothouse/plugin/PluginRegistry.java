package dev.pilothouse.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Service;

/**
 * The plugins this server knows: the manifests shipped in the jar ({@code classpath:plugins/})
 * and those in {@code pilothouse.plugins.dir} ({@code PILOTHOUSE_PLUGINS_DIR}), read once at start.
 * A manifest that is invalid is skipped and reported (here and in the log); it never stops the
 * server. When two manifests have the same name the first one read wins, shipped ones first.
 */
@Service
public class PluginRegistry {

    private static final Logger log = LoggerFactory.getLogger(PluginRegistry.class);
    static final long MAX_MANIFEST_BYTES = 1024 * 1024;

    private final List<Plugin> plugins;
    private final List<PluginProblem> problems;

    PluginRegistry(@Value("${pilothouse.plugins.dir:}") String directory) {
        Map<String, Plugin> byName = new LinkedHashMap<>();
        List<PluginProblem> found = new ArrayList<>();
        for (Source source : sources(directory, found)) {
            switch (ManifestReader.read(source.name(), source.content())) {
                case ManifestReader.Valid(Plugin plugin) -> {
                    Plugin earlier = byName.putIfAbsent(plugin.name(), plugin);
                    if (earlier != null) {
                        found.add(new PluginProblem(
                                source.name(),
                                "name",
                                "a plugin named '" + plugin.name() + "' is already loaded from " + earlier.source()
                                        + "; rename one of them"));
                    }
                }
                case ManifestReader.Invalid(List<PluginProblem> invalid) -> found.addAll(invalid);
            }
        }
        this.plugins = List.copyOf(byName.values());
        this.problems = List.copyOf(found);
        problems.forEach(p -> log.warn(
                "Plugin manifest {} skipped: {}{}", p.file(), p.field() == null ? "" : p.field() + ": ", p.message()));
        log.info(
                "Loaded {} plugin(s): {}",
                plugins.size(),
                plugins.stream().map(p -> p.name() + " " + p.version()).toList());
    }

    /** Every valid plugin, in load order. */
    public List<Plugin> plugins() {
        return plugins;
    }

    /** Why manifests were skipped, each naming its file and field. */
    public List<PluginProblem> problems() {
        return problems;
    }

    private record Source(String name, String content) {}

    private static List<Source> sources(String directory, List<PluginProblem> problems) {
        List<Source> sources = new ArrayList<>();
        try {
            Resource[] shipped = new PathMatchingResourcePatternResolver().getResources("classpath*:plugins/*.y*ml");
            Stream.of(shipped)
                    .sorted(Comparator.comparing(Resource::getFilename))
                    .forEach(r -> sources.add(read("classpath:plugins/" + r.getFilename(), r, problems)));
        } catch (IOException e) {
            problems.add(new PluginProblem(
                    "classpath:plugins/", null, "could not list the shipped plugins: " + e.getMessage()));
        }
        if (directory != null && !directory.isBlank()) {
            Path dir = Path.of(directory);
            if (!Files.isDirectory(dir)) {
                problems.add(new PluginProblem(
                        dir.toString(),
                        null,
                        "the plugins directory (pilothouse.plugins.dir) does not exist or is not a directory"));
            } else {
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(f -> f.getFileName().toString().matches(".*\\.ya?ml") && Files.isRegularFile(f))
                            .sorted()
                            .forEach(f -> sources.add(read(f, problems)));
                } catch (IOException e) {
                    problems.add(new PluginProblem(
                            dir.toString(), null, "could not list the plugins directory: " + e.getMessage()));
                }
            }
        }
        sources.removeIf(s -> s.content() == null);
        return sources;
    }

    private static Source read(String name, Resource resource, List<PluginProblem> problems) {
        try (InputStream in = resource.getInputStream()) {
            return new Source(name, new String(in.readNBytes((int) MAX_MANIFEST_BYTES), StandardCharsets.UTF_8));
        } catch (IOException e) {
            problems.add(new PluginProblem(name, null, "could not be read: " + e.getMessage()));
            return new Source(name, null);
        }
    }

    private static Source read(Path file, List<PluginProblem> problems) {
        try {
            if (Files.size(file) > MAX_MANIFEST_BYTES) {
                problems.add(new PluginProblem(file.toString(), null, "is larger than 1 MB"));
                return new Source(file.toString(), null);
            }
            return new Source(file.toString(), Files.readString(file));
        } catch (IOException e) {
            problems.add(new PluginProblem(file.toString(), null, "could not be read: " + e.getMessage()));
            return new Source(file.toString(), null);
        }
    }
}
