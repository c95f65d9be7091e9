package dev.pilothouse.ai.rag;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Markdown documents: a folder ({@code PILOTHOUSE_RAG_DOCS_DIR}, read recursively) or, by
 * default, the guides shipped in the jar. Front matter gives the title; Hugo shortcodes (as in
 * the Kubernetes website's sources) are reduced to their text.
 */
final class DocsSource implements IndexSource {

    private static final Pattern FRONT_MATTER = Pattern.compile("\\A---\\s*\\n(.*?)\\n---\\s*\\n", Pattern.DOTALL);
    private static final Pattern TITLE = Pattern.compile("(?m)^title:\\s*[\"']?(.*?)[\"']?\\s*$");
    private static final Pattern H1 = Pattern.compile("(?m)^#\\s+(.+)$");
    private static final Pattern TOOLTIP = Pattern.compile("\\{\\{<\\s*glossary_tooltip\\s+([^>]*)>}}");
    private static final Pattern TEXT_ATTR = Pattern.compile("text=\"([^\"]*)\"");
    private static final Pattern TERM_ATTR = Pattern.compile("term_id=\"([^\"]*)\"");
    private static final Pattern CODE_SAMPLE =
            Pattern.compile("\\{\\{[<%]\\s*(?:code_sample|codenew)[^}]*file=\"([^\"]*)\"[^}]*[%>]}}");
    private static final Pattern SHORTCODE = Pattern.compile("\\{\\{[<%].*?[%>]}}");
    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);

    private final String key;
    private final Path directory;
    private final String classpathFolder;

    private DocsSource(String key, Path directory, String classpathFolder) {
        this.key = key;
        this.directory = directory;
        this.classpathFolder = classpathFolder;
    }

    public static DocsSource directory(String key, Path directory) {
        return new DocsSource(key, directory, null);
    }

    public static DocsSource classpath(String key, String folder) {
        return new DocsSource(key, null, folder);
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public SourceType type() {
        return SourceType.DOCS;
    }

    @Override
    public String cluster() {
        return null;
    }

    @Override
    public Listing list() throws IOException {
        var docs = new ArrayList<SourceDocument>();
        for (Map.Entry<String, String> file : files().entrySet()) {
            docs.add(document(file.getKey(), file.getValue()));
        }
        return Listing.of(docs);
    }

    /** Relative path → text, in path order. */
    private Map<String, String> files() throws IOException {
        var files = new TreeMap<String, String>();
        if (directory != null) {
            if (!Files.isDirectory(directory)) {
                throw new IOException("The docs folder " + directory + " does not exist or is not a folder.");
            }
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path p : paths.filter(p -> p.toString().endsWith(".md") && Files.isRegularFile(p))
                        .toList()) {
                    String rel = directory.relativize(p).toString().replace('\\', '/');
                    if (rel.equalsIgnoreCase("NOTICE.md") || rel.equalsIgnoreCase("LICENSE.md")) continue;
                    files.put(rel, Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        } else {
            var resolver = new PathMatchingResourcePatternResolver(DocsSource.class.getClassLoader());
            for (Resource r : resolver.getResources("classpath*:" + classpathFolder + "/**/*.md")) {
                try (InputStream in = r.getInputStream()) {
                    String url = r.getURL().toString();
                    String rel = classpathFolder + "/"
                            + url.substring(url.lastIndexOf(classpathFolder + "/") + classpathFolder.length() + 1);
                    files.put(rel, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return files;
    }

    static SourceDocument document(String path, String markdown) {
        String text = markdown.replace("\r\n", "\n");
        String title = null;
        String description = "";
        Matcher fm = FRONT_MATTER.matcher(text);
        if (fm.find()) {
            Matcher t = TITLE.matcher(fm.group(1));
            if (t.find()) title = t.group(1).strip();
            description = clean(frontMatterDescription(fm.group(1)));
            text = text.substring(fm.end());
        }
        text = clean(text);
        if (title == null) {
            Matcher h1 = H1.matcher(text);
            title = h1.find() ? h1.group(1).strip() : fileTitle(path);
        }
        if (description.isBlank()) description = lead(text);
        String about = description;
        var chunks = MarkdownChunker.chunk(title, path, text).stream()
                .map(c -> c.withDescription(about))
                .toList();
        return new SourceDocument(path, null, chunks);
    }

    /** {@code description:} of the front matter, inline or as a folded ({@code >-}) or literal block. */
    static String frontMatterDescription(String frontMatter) {
        String[] lines = frontMatter.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].startsWith("description:")) continue;
            String value = lines[i].substring("description:".length()).strip();
            if (!value.isEmpty() && !value.matches("[>|][-+]?")) return value.replaceAll("^[\"']|[\"']$", "");
            var block = new StringBuilder();
            for (int j = i + 1;
                    j < lines.length && (lines[j].isBlank() || Character.isWhitespace(lines[j].charAt(0)));
                    j++) {
                block.append(lines[j].strip()).append(' ');
            }
            return block.toString().strip();
        }
        return "";
    }

    /** A page without a description: its first paragraph of prose before any heading says what it is about. */
    static String lead(String text) {
        for (String block : text.split("\n\\s*\n")) {
            String b = block.strip();
            if (b.startsWith("# ") && !b.contains("\n")) continue; // the page's own H1
            if (b.startsWith("#")) return "";
            if (b.isEmpty() || b.startsWith("```") || b.startsWith("|") || b.startsWith("{{") || b.startsWith("<"))
                continue;
            return b.replaceAll("\\s+", " ");
        }
        return "";
    }

    static String clean(String text) {
        text = COMMENT.matcher(text).replaceAll("");
        text = TOOLTIP.matcher(text).replaceAll(m -> {
            Matcher label = TEXT_ATTR.matcher(m.group(1));
            if (label.find()) return Matcher.quoteReplacement(label.group(1));
            Matcher term = TERM_ATTR.matcher(m.group(1));
            return term.find() ? Matcher.quoteReplacement(term.group(1).replace('-', ' ')) : "";
        });
        text = CODE_SAMPLE
                .matcher(text)
                .replaceAll(m -> Matcher.quoteReplacement("(example manifest: " + m.group(1) + ")"));
        return SHORTCODE.matcher(text).replaceAll("");
    }

    private static String fileTitle(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1).replaceFirst("\\.md$", "");
        return List.of("_index", "index", "README").contains(name) && path.contains("/")
                ? fileTitle(path.substring(0, path.lastIndexOf('/')) + ".md")
                : name.replace('-', ' ');
    }
}
