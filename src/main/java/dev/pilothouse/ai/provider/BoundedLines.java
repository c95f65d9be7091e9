package dev.pilothouse.ai.provider;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The lines of a streamed response (NDJSON), each at most {@code maxBytes}: a server that never
 * sends a newline cannot make us buffer without end, as {@code BufferedReader.readLine} would.
 */
final class BoundedLines implements Closeable {

    private final InputStream in;
    private final RemoteApi provider;
    private final int maxBytes;

    BoundedLines(InputStream in, RemoteApi provider, int maxBytes) {
        this.in = new BufferedInputStream(in);
        this.provider = provider;
        this.maxBytes = maxBytes;
    }

    /** The next line without its line end, or null at the end of the stream. */
    String next() throws IOException {
        var line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') return text(line);
            if (line.size() >= maxBytes) {
                throw LlmException.tooLarge(provider, "a streamed line", maxBytes);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : text(line);
    }

    private static String text(ByteArrayOutputStream line) {
        String s = line.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
