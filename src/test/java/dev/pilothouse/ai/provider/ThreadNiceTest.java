package dev.pilothouse.ai.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class ThreadNiceTest {

    @Test
    void threadsOfTheFactoryRunAtTheNiceValueAndOthersKeepTheirs() throws Exception {
        Optional<Integer> mine = niceOfThisThread();
        assumeTrue(mine.isPresent(), "reading a thread's nice value needs Linux");

        var niced = new CompletableFuture<Optional<Integer>>();
        try (var pool = Executors.newSingleThreadExecutor(
                ThreadNice.of(Thread.ofPlatform().name("niced").factory(), mine.get() + 5))) {
            pool.submit(() -> niced.complete(niceOfThisThread())).get();
        }

        assertThat(niced.get()).contains(Math.min(19, mine.get() + 5));
        assertThat(niceOfThisThread()).isEqualTo(mine); // the caller's own priority is untouched
    }

    /** The calling thread's nice value as the kernel sees it; empty off Linux. */
    private static Optional<Integer> niceOfThisThread() {
        try {
            var stat = Files.readString(Path.of("/proc/thread-self/stat"));
            // Fields after the command name (which may hold spaces) start after the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(Integer.parseInt(fields[16])); // field 19, nice
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
