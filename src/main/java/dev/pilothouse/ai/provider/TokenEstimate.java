package dev.pilothouse.ai.provider;

/**
 * A cheap token count for every budget: history, retrieved context and tool output. It counts as
 * BPE tokenizers tend to cut text: a run of letters is a token per ~8 letters, digits go in
 * threes, a run of newlines is one, every other symbol (tab, punctuation) is one, and a space
 * joins the word after it. The four-characters rule it replaced undercounted tool output (dense
 * with pod-name hashes, timestamps, IPs and tabs) by a third against o200k; this errs a little high
 * everywhere instead (about 6 % on tool output, 8 % on YAML, 19 % on documentation prose), so a
 * budget built on it keeps its margin. TokenEstimateTest and ToolOutputBenchmark hold it to o200k.
 */
public final class TokenEstimate {

    private TokenEstimate() {}

    public static int of(String text) {
        if (text == null) return 0;
        int tokens = 0;
        for (int i = 0; i < text.length(); ) {
            int end = pieceEnd(text, i);
            tokens += cost(text, i, end);
            i = end;
        }
        return tokens;
    }

    /** The longest prefix of {@code text} that fits {@code tokens}, cut at a line end when one is near. */
    public static String truncate(String text, int tokens) {
        if (text == null) return null;
        int used = 0;
        int i = 0;
        while (i < text.length()) {
            int end = pieceEnd(text, i);
            int cost = cost(text, i, end);
            if (used + cost > tokens) break;
            used += cost;
            i = end;
        }
        if (i >= text.length()) return text;
        int cut = text.lastIndexOf('\n', i);
        return text.substring(0, cut > i / 2 ? cut : i);
    }

    /** Where the piece starting at {@code i} ends: a run of letters, digits or newlines, or one other character. */
    private static int pieceEnd(String text, int i) {
        char c = text.charAt(i);
        int j = i + 1;
        if (Character.isLetter(c)) {
            while (j < text.length() && Character.isLetter(text.charAt(j))) j++;
        } else if (isDigit(c)) {
            while (j < text.length() && isDigit(text.charAt(j))) j++;
        } else if (c == '\n') {
            while (j < text.length() && text.charAt(j) == '\n') j++;
        }
        return j;
    }

    private static int cost(String text, int start, int end) {
        char c = text.charAt(start);
        if (Character.isLetter(c)) return 1 + (end - start) / 8;
        if (isDigit(c)) return (end - start + 2) / 3;
        return c == ' ' ? 0 : 1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
