package dev.pilothouse.ai.provider;

import dev.pilothouse.ai.provider.StandInServer.Reply;
import dev.pilothouse.support.OpenAiSse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmarks for docs/benchmarks.md; not part of the default test run. Run with
 * {@code mvn -Pbench test}. Prints its figures; asserts nothing about time.
 */
@Tag("benchmark")
class ProviderBenchmark {

    static final int EVENTS = 2000;
    static final int RUNS = 30;
    /** The SDKs' parsing paths (Kotlin, Jackson) need tens of thousands of events before the JIT settles. */
    static final int WARM_UP = 30;

    @Test
    void adapterOverheadPerStreamedEvent() {
        report("anthropic", anthropicStream(), ProviderKind.ANTHROPIC);
        report("openai", openAiStream(), ProviderKind.OPENAI);
        report("ollama", ollamaStream(), ProviderKind.OLLAMA);
    }

    private void report(String name, Reply stream, ProviderKind kind) {
        try (var server = new StandInServer()) {
            String base = kind == ProviderKind.OPENAI ? server.baseUrl() + "/v1" : server.baseUrl();
            var provider = new LlmProviderFactory(() -> null)
                    .create(new ProviderSettings(
                            kind,
                            "bench",
                            "sk-bench",
                            base,
                            Duration.ofSeconds(5),
                            Duration.ofSeconds(30),
                            1024,
                            null,
                            RetryPolicy.NONE));
            var perEvent = new ArrayList<Double>();
            for (int run = 0; run < RUNS + WARM_UP; run++) {
                server.reply(stream);
                long start = System.nanoTime();
                int[] count = {0};
                provider.chat(ChatRequest.of(Message.user("go")), e -> count[0]++, Cancellation.none());
                long elapsed = System.nanoTime() - start;
                if (run >= WARM_UP) perEvent.add(elapsed / 1000.0 / EVENTS);
            }
            Collections.sort(perEvent);
            System.out.printf(
                    "BENCH adapter=%s events=%d runs=%d median=%.2f µs/event p90=%.2f µs/event%n",
                    name, EVENTS, RUNS, perEvent.get(RUNS / 2), perEvent.get((int) (RUNS * 0.9)));
        }
    }

    private static Reply anthropicStream() {
        var events = new ArrayList<String>();
        events.add(AnthropicProviderTest.messageStart());
        events.add(AnthropicProviderTest.event(
                "content_block_start",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
        for (int i = 0; i < EVENTS; i++) {
            events.add(AnthropicProviderTest.event(
                    "content_block_delta",
                    "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"token"
                            + i + " \"}}"));
        }
        events.add(AnthropicProviderTest.event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
        events.add(AnthropicProviderTest.messageEnd("end_turn", EVENTS));
        return Reply.sse(String.join("", events));
    }

    private static Reply openAiStream() {
        var chunks = new StringBuilder();
        for (int i = 0; i < EVENTS; i++) chunks.append(OpenAiSse.text("token" + i + " "));
        chunks.append(OpenAiSse.chunk("{}", "stop"))
                .append(OpenAiSse.usage(10, EVENTS, 0))
                .append(OpenAiSse.DONE);
        return Reply.sse(chunks.toString());
    }

    private static Reply ollamaStream() {
        var lines = new ArrayList<String>();
        for (int i = 0; i < EVENTS; i++) lines.add(OllamaProviderTest.text("token" + i + " "));
        lines.add(OllamaProviderTest.done("stop"));
        return Reply.ndjson(String.join("\n", lines));
    }

    @Test
    void localEmbedderThroughput() {
        Embedder embedder = LocalEmbedder.shared();
        // ~256 word pieces: 190 ordinary English words of Kubernetes prose.
        String words =
                "the deployment controller creates a replica set which keeps the desired number of pods running and "
                        + "replaces any pod that fails its liveness probe or is evicted from its node by the kubelet ";
        var chunk = new StringBuilder();
        while (chunk.toString().split(" ").length < 190) chunk.append(words);
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < 256; i++) chunks.add(i + " " + chunk);
        embedder.embed(chunks.subList(0, 64)); // warm up
        long start = System.nanoTime();
        embedder.embed(chunks);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "BENCH embedder=%s chunks=%d cores=%d throughput=%.1f chunks/s%n",
                embedder.modelName(),
                chunks.size(),
                Runtime.getRuntime().availableProcessors(),
                chunks.size() / seconds);
    }
}
