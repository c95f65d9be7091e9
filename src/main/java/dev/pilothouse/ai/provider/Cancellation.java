package dev.pilothouse.ai.provider;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Stops a running stream from another thread (the user pressed stop, or the WebSocket closed).
 * The stream closes its connection at once and its call returns what came so far.
 */
public final class Cancellation {

    private final CountDownLatch cancelled = new CountDownLatch(1);
    private final List<Runnable> actions = new CopyOnWriteArrayList<>();

    public static Cancellation none() {
        return new Cancellation();
    }

    public void cancel() {
        if (cancelled.getCount() == 0) return;
        cancelled.countDown();
        actions.forEach(Runnable::run);
    }

    public boolean isCancelled() {
        return cancelled.getCount() == 0;
    }

    /** Runs {@code action} on cancel (at once if already cancelled); the handle unregisters it. */
    AutoCloseable onCancel(Runnable action) {
        actions.add(action);
        if (isCancelled()) action.run();
        return () -> actions.remove(action);
    }

    /** Sleeps, waking early on cancel. @return true when cancelled */
    boolean sleep(Duration duration) throws InterruptedException {
        return cancelled.await(duration.toNanos(), TimeUnit.NANOSECONDS);
    }
}
