package dev.pilothouse.ai.provider;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The data of each event of a server-sent-events body, as the SSE specification reads it: {@code
 * data:} lines joined by newlines, dispatched at a blank line; comments ({@code :}) and the other
 * fields skipped. The body is expected to be bounded already ({@link BoundedBody}: line and stream
 * limits), so a line is read whole.
 */
final class SseEvents {

    private final BufferedReader lines;
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;

    SseEvents(InputStream body) {
        this.lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }

    /** The next event's data, or null at the end of the body (a last event without its blank line counts). */
    String next() throws IOException {
        for (String line; (line = lines.readLine()) != null; ) {
            if (line.isEmpty()) {
                if (hasData) return take();
                continue;
            }
            if (line.startsWith("data:")) {
                if (hasData) data.append('\n');
                int from = line.startsWith("data: ") ? 6 : 5;
                data.append(line, from, line.length());
                hasData = true;
            }
        }
        return hasData ? take() : null;
    }

    private String take() {
        String event = data.toString();
        data.setLength(0);
        hasData = false;
        return event;
    }
}
