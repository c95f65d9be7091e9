package dev.pilothouse.ai.rag;

/** pgvector's text form of a vector, {@code [0.1,0.2,...]}: sent as a parameter and cast in SQL. */
final class Vectors {
    private Vectors() {}

    static String text(float[] v) {
        var sb = new StringBuilder(v.length * 10).append('[');
        for (int i = 0; i < v.length; i++) {
            if (i > 0) sb.append(',');
            sb.append(v[i]);
        }
        return sb.append(']').toString();
    }
}
