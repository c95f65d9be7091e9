package dev.pilothouse.ai.rag;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One piece of a document, small enough for the embedder to read whole, mostly: the default
 * local model reads 512 word pieces (about 200 words of code or schema, more of prose) and the
 * rest of a longer chunk is stored and searched by full text only.
 *
 * @param section the heading path or field group inside the document, e.g. "Rolling back > Checking history"
 * @param location where a reader finds it: a path with an anchor, a URL, or an API path
 * @param description what the whole document is about (a page's front-matter description, a kind's
 *     schema description): a chunk deep in a page rarely names the page's subject, and users ask by subject
 */
record Chunk(String title, String section, String location, String content, String description) {

    /** Words of the description that go into each chunk's embedded text. */
    static final int DESCRIPTION_WORDS = 40;

    Chunk {
        title = title == null ? "" : title;
        section = section == null ? "" : section;
        location = location == null ? "" : location;
        description =
                description == null ? "" : description.replaceAll("\\s+", " ").strip();
    }

    Chunk(String title, String section, String location, String content) {
        this(title, section, location, content, "");
    }

    Chunk withDescription(String newDescription) {
        return new Chunk(title, section, location, content, newDescription);
    }

    /**
     * What the embedder reads: title and heading path, the document's description (unless the
     * chunk already carries it, as an overview does), then the text.
     */
    String embeddingText() {
        String heading = section.isBlank() ? title : title + " — " + section;
        String about = description.isBlank() || content.contains(description) ? "" : shortDescription() + "\n";
        return (heading.isBlank() ? "" : heading + "\n") + about + content;
    }

    /** The description cut to {@link #DESCRIPTION_WORDS}, as embedded and as weighted in full-text search. */
    String shortDescription() {
        String[] words = description.split(" ");
        return words.length <= DESCRIPTION_WORDS
                ? description
                : String.join(" ", java.util.Arrays.copyOf(words, DESCRIPTION_WORDS)) + " …";
    }

    /**
     * Identifies the embedded text and where it points: an unchanged hash means the stored row,
     * vector included, is still right.
     */
    String hash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((embeddingText() + "\u0000" + location).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static int words(String text) {
        String t = text.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }
}
