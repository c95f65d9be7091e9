package dev.pilothouse.ai.provider;

/**
 * A cheap token count for budgets (history, retrieved context, tool output). About four characters
 * per token holds for English, YAML and JSON under the tokenizers of all three providers; budgets
 * built on it keep a margin instead of counting exactly.
 */
public final class TokenEstimate {

    private TokenEstimate() {}

    public static int of(String text) {
        if (text == null || text.isEmpty()) return 0;
        return (text.length() + 3) / 4;
    }

    /** The longest prefix of {@code text} that fits {@code tokens}, cut at a line end when one is near. */
    public static String truncate(String text, int tokens) {
        if (text == null || of(text) <= tokens) return text;
        int max = Math.max(0, tokens * 4);
        int cut = text.lastIndexOf('\n', max);
        return text.substring(0, cut > max / 2 ? cut : max);
    }
}
