package dev.pilothouse.ai.provider;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Platform threads that do CPU-heavy background work (embedding) at a lower scheduling priority
 * than the threads streaming replies. Java's thread priorities are ignored on Linux, so this asks
 * the kernel directly: {@code setpriority(PRIO_PROCESS, 0, nice)} sets the calling thread's nice
 * value there (it is per thread on Linux). Raising one's own nice value needs no privilege. On
 * other systems, or if the call fails, threads keep the normal priority.
 */
final class ThreadNice {

    private static final Logger log = LoggerFactory.getLogger(ThreadNice.class);
    private static final int PRIO_PROCESS = 0;
    private static final Optional<MethodHandle> SETPRIORITY = lookup();

    private ThreadNice() {}

    /** Threads from {@code factory} that run at {@code nice} (0 normal, 19 lowest). */
    static ThreadFactory of(ThreadFactory factory, int nice) {
        return task -> factory.newThread(() -> {
            apply(nice);
            task.run();
        });
    }

    private static void apply(int nice) {
        SETPRIORITY.ifPresent(call -> {
            try {
                int rc = (int) call.invokeExact(PRIO_PROCESS, 0, nice);
                if (rc != 0)
                    log.debug(
                            "setpriority({}) failed for {}",
                            nice,
                            Thread.currentThread().getName());
            } catch (Throwable e) {
                log.debug("setpriority({}) failed: {}", nice, e.toString());
            }
        });
    }

    private static Optional<MethodHandle> lookup() {
        if (!System.getProperty("os.name", "")
                .toLowerCase(java.util.Locale.ROOT)
                .contains("linux")) return Optional.empty();
        try {
            var linker = Linker.nativeLinker();
            return linker.defaultLookup()
                    .find("setpriority")
                    .map(address -> linker.downcallHandle(
                            address,
                            FunctionDescriptor.of(
                                    ValueLayout.JAVA_INT,
                                    ValueLayout.JAVA_INT,
                                    ValueLayout.JAVA_INT,
                                    ValueLayout.JAVA_INT)));
        } catch (RuntimeException | LinkageError e) {
            log.info("Embedding threads keep the normal priority: {}", e.toString());
            return Optional.empty();
        }
    }
}
