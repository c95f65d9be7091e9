package dev.pilothouse.ai.rag;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One piece of a document, small enough for the embedder to read whole (the local model stops
 * at 256 word pieces, about 200 words).
 *
 * @param section the heading path or field group inside the document, e.g. "Rolling back > Checking history"
 * @param location where a reader finds it: a path with an anchor, a URL, or an API path
 */
public record Chunk(String title, String section, String location, String content) {

    public Chunk {
        title = title == null ? "" : title;
        section = section == null ? "" : section;
        location = location == null ? "" : location;
    }

    /** What the embedder reads: the headings give a short chunk its context. */
    public String embeddingText() {
        String heading = section.isBlank() ? title : title + " — " + section;
        return heading.isBlank() ? content : heading + "\n" + content;
    }

    /**
     * Identifies the embedded text and where it points: an unchanged hash means the stored row,
     * vector included, is still right.
     */
    public String hash() {
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
