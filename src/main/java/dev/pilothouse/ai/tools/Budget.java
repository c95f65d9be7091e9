package dev.pilothouse.ai.tools;

import dev.pilothouse.ai.provider.TokenEstimate;

/**
 * The tokens one tool result may still spend ({@link ToolSettings#outputTokenBudget()}). Shapers
 * add lines while they fit and then say what they left out. Counted with {@link TokenEstimate},
 * the same estimate the chat's history and retrieval budgets use.
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
        return used + TokenEstimate.of(line) + 1 <= limit;
    }

    /** Appends the line (and a newline) if it fits. */
    boolean add(StringBuilder out, String line) {
        if (!fits(line)) return false;
        out.append(line).append('\n');
        used += TokenEstimate.of(line) + 1;
        return true;
    }

    /** Appends regardless: summary lines and the statement of what was cut must always be there. */
    void force(StringBuilder out, String line) {
        out.append(line).append('\n');
        used += TokenEstimate.of(line) + 1;
    }

    /** Reserves tokens for lines that must come later (the "not shown" statement). */
    void reserve(int tokens) {
        used += tokens;
    }

    void release(int tokens) {
        used -= tokens;
    }
}
