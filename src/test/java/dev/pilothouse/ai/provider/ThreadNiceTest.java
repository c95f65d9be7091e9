package dev.pilothouse.ai.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class ThreadNiceTest {

    @Test
    void threadsOfTheFactoryRunAtTheNiceValueAndOthersKeepTheirs() throws Exception {
        Optional<Integer> mine = ThreadNice.current();
        assumeTrue(mine.isPresent(), "reading a thread's nice value needs Linux");

        var niced = new CompletableFuture<Optional<Integer>>();
        try (var pool = Executors.newSingleThreadExecutor(
                ThreadNice.of(Thread.ofPlatform().name("niced").factory(), mine.get() + 5))) {
            pool.submit(() -> niced.complete(ThreadNice.current())).get();
        }

        assertThat(niced.get()).contains(Math.min(19, mine.get() + 5));
        assertThat(ThreadNice.current()).isEqualTo(mine); // the caller's own priority is untouched
    }
}
