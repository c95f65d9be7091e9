package dev.pilothouse.ai.tools;

/**
 * The tokens one tool result may still spend ({@link ToolSettings#outputTokenBudget()}). Shapers
 * add lines while they fit and then say what they left out.
 *
 * <p>Counted with {@link #estimate}, not the four-characters rule of {@code TokenEstimate}: tool
 * output is dense with pod-name hashes, timestamps, IPs and tabs, for which that rule undercounts
 * by about 40 % (ToolOutputBenchmark compares both with o200k).
 */
final class Budget {

    private final int limit;
    private int used;

    Budget(int limit) {
        this.limit = Math.max(200, limit);
    }

    int limit() {
        return limit;
    }

    int remaining() {
        return limit - used;
    }

    boolean fits(String line) {
        return used + estimate(line) + 1 <= limit;
    }

    /** Appends the line (and a newline) if it fits. */
    boolean add(StringBuilder out, String line) {
        if (!fits(line)) return false;
        out.append(line).append('\n');
        used += estimate(line) + 1;
        return true;
    }

    /** Appends regardless: summary lines and the statement of what was cut must always be there. */
    void force(StringBuilder out, String line) {
        out.append(line).append('\n');
        used += estimate(line) + 1;
    }

    /** Reserves tokens for lines that must come later (the "not shown" statement). */
    void reserve(int tokens) {
        used += tokens;
    }

    void release(int tokens) {
        used -= tokens;
    }

    /**
     * Tokens as BPE tokenizers tend to cut tool output: a run of letters is a token per ~6
     * letters, digits go in threes, every other symbol (tab, newline, punctuation) is one, and a
     * space joins the word after it.
     */
    static int estimate(String text) {
        if (text == null) return 0;
        int tokens = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            int j = i + 1;
            if (Character.isLetter(c)) {
                while (j < n && Character.isLetter(text.charAt(j))) j++;
                tokens += 1 + (j - i) / 6;
            } else if (c >= '0' && c <= '9') {
                while (j < n && text.charAt(j) >= '0' && text.charAt(j) <= '9') j++;
                tokens += (j - i + 2) / 3;
            } else if (c != ' ') {
                tokens++;
            }
            i = j;
        }
        return tokens;
    }
}
