package dev.pilothouse.ai.provider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one streaming call for an adapter: the adapter's blocking read happens on a virtual
 * thread, events are handed to the caller's thread through a queue, and this class owns what
 * every adapter would otherwise repeat: retry (only before anything was streamed), the stall
 * timeout, and cancellation (close the connection, interrupt the reader, return at once).
 */
final class StreamingChat {

    private static final Logger log = LoggerFactory.getLogger(StreamingChat.class);

    /** The adapter's part: open the stream, emit events, return the assembled response. */
    interface Attempt {
        ChatResponse run(Sink sink) throws Exception;
    }

    /** Where an attempt sends its events; also takes what must be closed to stop reading. */
    static final class Sink {
        private final BlockingQueue<Object> queue;
        private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();
        private volatile boolean stopped;

        Sink(BlockingQueue<Object> queue) {
            this.queue = queue;
        }

        void emit(StreamEvent event) {
            if (!stopped) queue.add(event);
        }

        /** Closed on cancel or stall, from another thread: it must unblock a read in progress. */
        void closeOnStop(AutoCloseable closeable) {
            closeables.add(closeable);
            if (stopped) closeQuietly(closeable);
        }

        boolean stopped() {
            return stopped;
        }

        void stop(Thread reader) {
            stopped = true;
            closeables.forEach(StreamingChat::closeQuietly);
            // A virtual thread blocked in a socket read is woken by interrupt (the socket closes).
            reader.interrupt();
        }
    }

    private record Finished(ChatResponse response) {}

    private record Failed(Throwable error) {}

    private static final Object CANCELLED = new Object();

    private final ProviderKind kind;
    private final RetryPolicy retry;
    private final Duration stallTimeout;
    private final Function<Throwable, LlmException> errors;

    StreamingChat(
            ProviderKind kind, RetryPolicy retry, Duration stallTimeout, Function<Throwable, LlmException> errors) {
        this.kind = kind;
        this.retry = retry;
        this.stallTimeout = stallTimeout;
        this.errors = errors;
    }

    ChatResponse run(Attempt attempt, Consumer<StreamEvent> listener, Cancellation cancellation) {
        var streamed = new Progress();
        for (int attemptNo = 1; ; attemptNo++) {
            LlmException failure;
            try {
                Object outcome = runOnce(attempt, listener, cancellation, streamed);
                if (outcome instanceof ChatResponse response) return response;
                failure = (LlmException) outcome;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancellation.cancel();
                return cancelled(listener, streamed);
            }
            var delay = streamed.any ? java.util.Optional.<Duration>empty() : retry.delayAfter(attemptNo, failure);
            if (delay.isEmpty() || cancellation.isCancelled()) {
                if (cancellation.isCancelled()) return cancelled(listener, streamed);
                listener.accept(new StreamEvent.Error(failure));
                throw failure;
            }
            log.info(
                    "{} call failed ({}), retrying in {} ms (attempt {} of {})",
                    kind.displayName(),
                    failure.kind().code(),
                    delay.get().toMillis(),
                    attemptNo + 1,
                    retry.maxAttempts());
            try {
                if (cancellation.sleep(delay.get())) return cancelled(listener, streamed);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return cancelled(listener, streamed);
            }
        }
    }

    /** @return the response, or the failure (as an LlmException) to consider retrying */
    private Object runOnce(
            Attempt attempt, Consumer<StreamEvent> listener, Cancellation cancellation, Progress progress)
            throws InterruptedException {
        var queue = new LinkedBlockingQueue<Object>();
        var sink = new Sink(queue);
        Thread reader = Thread.ofVirtual().name(kind.id() + "-stream").unstarted(() -> {
            try {
                queue.add(new Finished(attempt.run(sink)));
            } catch (Throwable t) {
                queue.add(new Failed(t));
            }
        });
        try (var registration = cancellation.onCancel(() -> {
            queue.add(CANCELLED);
            sink.stop(reader);
        })) {
            reader.start();
            while (true) {
                Object item = queue.poll(stallTimeout.toNanos(), TimeUnit.NANOSECONDS);
                if (item == null) {
                    sink.stop(reader);
                    return LlmException.timeout(kind, stallTimeout);
                }
                if (item == CANCELLED) {
                    return cancelled(listener, progress);
                }
                if (item instanceof StreamEvent event) {
                    progress.record(event);
                    listener.accept(event);
                } else if (item instanceof Finished finished) {
                    listener.accept(new StreamEvent.Done(finished.response()));
                    return finished.response();
                } else if (item instanceof Failed failed) {
                    if (cancellation.isCancelled()) return cancelled(listener, progress);
                    return failed.error() instanceof LlmException e ? e : errors.apply(failed.error());
                }
            }
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            // Only the registration's close can land here, and it does not throw.
            throw new IllegalStateException(e);
        } finally {
            sink.stop(reader);
        }
    }

    private static ChatResponse cancelled(Consumer<StreamEvent> listener, Progress progress) {
        var response = new ChatResponse(progress.text.toString(), progress.calls, StopReason.CANCELLED, progress.usage);
        listener.accept(new StreamEvent.Done(response));
        return response;
    }

    /** What reached the listener, so a cancelled call can return it and a failed one is not retried. */
    private static final class Progress {
        boolean any;
        final StringBuilder text = new StringBuilder();
        final List<ToolCall> calls = new ArrayList<>();
        Usage usage = Usage.NONE;

        void record(StreamEvent event) {
            any |= event.isContent();
            switch (event) {
                case StreamEvent.TextDelta d -> text.append(d.text());
                case StreamEvent.ToolCallComplete c -> calls.add(c.call());
                case StreamEvent.UsageReport u -> usage = u.usage();
                default -> {}
            }
        }
    }

    static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing to stop a read; the reader reports what happened.
        }
    }
}
