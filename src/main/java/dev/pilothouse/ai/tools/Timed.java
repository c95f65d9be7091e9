package dev.pilothouse.ai.tools;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One cluster call with a deadline, on a virtual thread of its own: a slow cluster costs the call
 * its timeout and the turn goes on. A call past its deadline is interrupted.
 */
final class Timed {

    private Timed() {}

    static <T> T call(Supplier<T> work, Duration timeout, String whatTimedOut) {
        Future<T> future;
        var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
        try {
            future = executor.submit(work::get);
            try {
                return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                throw new ToolFailure("timeout", whatTimedOut);
            } catch (InterruptedException e) {
                future.cancel(true);
                Thread.currentThread().interrupt();
                throw new ToolFailure("cancelled", "The call was cancelled before it finished.");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                if (e.getCause() instanceof Error err) throw err;
                throw new IllegalStateException(e.getCause());
            }
        } finally {
            executor.shutdownNow();
        }
    }
}
