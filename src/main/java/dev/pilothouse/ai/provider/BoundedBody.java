package dev.pilothouse.ai.provider;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/**
 * A response body read no further than {@link HttpJson}'s limits, for the adapters whose SDKs
 * read whatever the server sends: a JSON answer up to {@link HttpJson#MAX_BODY_BYTES}, an event
 * stream up to {@link HttpJson#MAX_STREAM_BYTES} in lines of at most {@link
 * HttpJson#MAX_LINE_BYTES}, an error answer cut after {@link HttpJson#MAX_ERROR_BYTES}. Past a
 * limit a read throws {@link LlmException#tooLarge}, before the SDK has buffered the excess;
 * an error answer just ends, so the SDK still reports its status.
 */
final class BoundedBody extends InputStream {

    private final InputStream in;
    private final RemoteApi provider;
    private final String what;
    private final long maxTotal;
    private final int maxLine;
    private final boolean cut;
    private long total;
    private long line;

    private BoundedBody(InputStream in, RemoteApi provider, String what, long maxTotal, int maxLine, boolean cut) {
        this.in = in;
        this.provider = provider;
        this.what = what;
        this.maxTotal = maxTotal;
        this.maxLine = maxLine;
        this.cut = cut;
    }

    /** The body of a response with this status and {@code Content-Type}, bounded for what it is. */
    static InputStream of(InputStream in, RemoteApi provider, int status, List<String> contentType) {
        if (status >= 400) return new BoundedBody(in, provider, "an error answer", HttpJson.MAX_ERROR_BYTES, 0, true);
        boolean events =
                contentType.stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).contains("text/event-stream"));
        return events
                ? new BoundedBody(in, provider, "a stream", HttpJson.MAX_STREAM_BYTES, HttpJson.MAX_LINE_BYTES, false)
                : new BoundedBody(in, provider, "an answer", HttpJson.MAX_BODY_BYTES, 0, false);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (cut && total >= maxTotal) return -1;
        int n = in.read(b, off, cut ? (int) Math.min(len, maxTotal - total) : len);
        if (n <= 0) return n;
        total += n;
        if (total > maxTotal) throw LlmException.tooLarge(provider, what, maxTotal);
        if (maxLine > 0) {
            for (int i = off; i < off + n; i++) {
                // SSE ends a line with LF, CR or CRLF.
                if (b[i] == '\n' || b[i] == '\r') line = 0;
                else if (++line > maxLine) throw LlmException.tooLarge(provider, "a streamed line", maxLine);
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes count too, so skip by reading.
        if (n <= 0) return 0;
        int read = read(new byte[(int) Math.min(n, 8192)]);
        return Math.max(read, 0);
    }

    @Override
    public int available() throws IOException {
        return cut ? (int) Math.min(in.available(), maxTotal - total) : in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
