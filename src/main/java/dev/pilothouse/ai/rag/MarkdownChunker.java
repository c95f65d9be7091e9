package dev.pilothouse.ai.rag;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Splits markdown at its headings, then each section into chunks of about {@link #TARGET_WORDS}
 * words at paragraph boundaries, with a little overlap between the chunks of one section so a
 * sentence cut at a boundary is still found. A code block stays whole unless it alone is too long.
 */
final class MarkdownChunker {

    /** The local embedder reads 256 word pieces; title and headings take some of them. */
    static final int TARGET_WORDS = 170;

    static final int MAX_WORDS = 200;
    static final int OVERLAP_WORDS = 25;
    /** A section shorter than this is joined to the next one rather than being a chunk of its own. */
    static final int MIN_WORDS = 30;

    private MarkdownChunker() {}

    private record Section(List<String> headings, String anchor, StringBuilder text) {}

    /** @param location the document's path or URL; each chunk adds its section's anchor */
    public static List<Chunk> chunk(String title, String location, String markdown) {
        List<Section> sections = sections(markdown);
        var chunks = new ArrayList<Chunk>();
        String carried = "";
        Section carriedFrom = null;
        for (Section s : sections) {
            String body = s.text().toString().strip();
            String heading = s.headings().isEmpty()
                    ? ""
                    : "#".repeat(Math.min(s.headings().size() + 1, 6)) + " "
                            + s.headings().getLast() + "\n\n";
            body = (carried.isEmpty() ? "" : carried + "\n\n") + (s.headings().isEmpty() ? "" : heading) + body;
            Section owner = carriedFrom != null ? carriedFrom : s;
            if (Chunk.words(body) < MIN_WORDS && s != sections.getLast()) {
                carried = body.strip();
                carriedFrom = owner;
                continue;
            }
            carried = "";
            carriedFrom = null;
            String sectionPath = String.join(" > ", owner.headings());
            String where = owner.anchor().isEmpty() ? location : location + "#" + owner.anchor();
            for (String piece : split(body.strip())) {
                if (!piece.isBlank()) chunks.add(new Chunk(title, sectionPath, where, piece));
            }
        }
        return chunks;
    }

    private static List<Section> sections(String markdown) {
        var sections = new ArrayList<Section>();
        var headings = new ArrayList<String>();
        var levels = new ArrayList<Integer>();
        Section current = new Section(List.of(), "", new StringBuilder());
        sections.add(current);
        boolean fence = false;
        for (String line : markdown.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("```") || trimmed.startsWith("~~~")) fence = !fence;
            int level = fence ? 0 : headingLevel(trimmed);
            if (level > 0) {
                String text = trimmed.substring(level)
                        .strip()
                        .replaceAll("\\s*\\{#[^}]*}$", "")
                        .replaceAll("#+$", "")
                        .strip();
                while (!levels.isEmpty() && levels.getLast() >= level) {
                    levels.removeLast();
                    headings.removeLast();
                }
                // The document's own H1 is its title, not a section.
                if (level == 1
                        && sections.size() == 1
                        && current.text().toString().isBlank()) continue;
                levels.add(level);
                headings.add(text);
                current = new Section(List.copyOf(headings), anchor(text), new StringBuilder());
                sections.add(current);
            } else {
                current.text().append(line).append('\n');
            }
        }
        return sections.stream()
                .filter(s -> !s.text().toString().isBlank() || !s.headings().isEmpty())
                .toList();
    }

    private static int headingLevel(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == '#') n++;
        return n >= 1 && n <= 6 && line.length() > n && line.charAt(n) == ' ' ? n : 0;
    }

    /** GitHub-style anchor: lower case, punctuation dropped, spaces to dashes. */
    static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9 _-]", "")
                .strip()
                .replace(' ', '-');
    }

    /** Paragraphs (code fences kept together) packed into pieces of about TARGET_WORDS, overlapping a little. */
    static List<String> split(String text) {
        if (Chunk.words(text) <= MAX_WORDS) return List.of(text);
        var blocks = new ArrayList<String>();
        for (String block : blocks(text)) {
            if (Chunk.words(block) > MAX_WORDS) blocks.addAll(byWords(block, TARGET_WORDS));
            else blocks.add(block);
        }
        var pieces = new ArrayList<String>();
        var piece = new StringBuilder();
        int words = 0;
        for (String block : blocks) {
            int w = Chunk.words(block);
            if (words > 0 && words + w > TARGET_WORDS && !(words < MIN_WORDS && words + w <= MAX_WORDS)) {
                String done = piece.toString().strip();
                pieces.add(done);
                piece.setLength(0);
                String overlap = tail(done, OVERLAP_WORDS);
                piece.append(overlap).append(overlap.isEmpty() ? "" : " …\n\n");
                words = Chunk.words(overlap);
            }
            piece.append(block).append("\n\n");
            words += w;
        }
        if (!piece.isEmpty()) pieces.add(piece.toString().strip());
        return pieces;
    }

    private static List<String> blocks(String text) {
        var blocks = new ArrayList<String>();
        var block = new StringBuilder();
        boolean fence = false;
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("```") || trimmed.startsWith("~~~")) fence = !fence;
            if (!fence && trimmed.isEmpty()) {
                if (!block.toString().isBlank()) blocks.add(block.toString().strip());
                block.setLength(0);
            } else {
                block.append(line).append('\n');
            }
        }
        if (!block.toString().isBlank()) blocks.add(block.toString().strip());
        return blocks;
    }

    static List<String> byWords(String text, int size) {
        String[] words = text.strip().split("\\s+");
        var out = new ArrayList<String>();
        for (int from = 0; from < words.length; from += size) {
            out.add(String.join(" ", Arrays.copyOfRange(words, from, Math.min(words.length, from + size))));
        }
        return out;
    }

    /** The last few words, starting at a sentence if one begins among them. */
    private static String tail(String text, int n) {
        String[] words = text.split("\\s+");
        if (words.length <= n) return "";
        String tail = String.join(" ", Arrays.copyOfRange(words, words.length - n, words.length));
        if (tail.contains("```")) return "";
        int sentence = tail.indexOf(". ");
        return sentence >= 0 && sentence < tail.length() - 20 ? tail.substring(sentence + 2) : tail;
    }
}
