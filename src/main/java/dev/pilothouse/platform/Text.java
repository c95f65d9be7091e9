package dev.pilothouse.platform;

/** Small text rules every feature's request handling shares. */
public final class Text {

    private Text() {}

    /** An optional request value: absent, empty and blank all mean "not given"; else trimmed. */
    public static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
