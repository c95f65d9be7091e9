package dev.pilothouse.ai.rag;

import dev.pilothouse.ai.config.ActiveProvider;
import dev.pilothouse.ai.provider.Cancellation;
import dev.pilothouse.ai.provider.ChatRequest;
import dev.pilothouse.ai.provider.ChatResponse;
import dev.pilothouse.ai.provider.LlmProvider;
import dev.pilothouse.ai.provider.Message;
import dev.pilothouse.ai.provider.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Chat path only, when the AI setting {@code queryRewriting} is on: asks the configured model for
 * up to three search queries in the documentation's words, so that a question phrased as a need
 * ("keep one copy of my agent on every machine") is also searched as the docs say it ("DaemonSet").
 * A user's words rarely match the docs' — see docs/benchmarks.md, "RAG". Whatever goes wrong (no
 * model, an error, no answer within the timeout, an answer that is not a list of queries) gives no
 * extra queries, and the question is searched on its own, as without the setting.
 */
@Component
class QueryRewriter {

    private static final Logger log = LoggerFactory.getLogger(QueryRewriter.class);

    static final int MAX_QUERIES = 3;
    static final int MAX_QUERY_CHARS = 200;
    static final int MAX_QUERY_WORDS = 30;
    /** Enough for three short lines; a model that writes more is cut off rather than waited for. */
    static final int MAX_OUTPUT_TOKENS = 120;

    static final String PROMPT = """
            You turn a Kubernetes user's question into search queries for a documentation index \
            (the Kubernetes documentation, the API reference and the cluster's CRD schemas).
            Write 1 to 3 search queries, one per line, and nothing else: no numbering, no quotes, no explanation.
            Use the terms the documentation uses: object kinds, field names, feature and command names, \
            exact error reasons, rather than the user's own words. Keep each query under 15 words.""";

    private final ActiveProvider active;
    private final Duration timeout;

    @Autowired
    QueryRewriter(ActiveProvider active, RagProperties properties) {
        this(active, properties.rewriteTimeout());
    }

    QueryRewriter(ActiveProvider active, Duration timeout) {
        this.active = active;
        this.timeout = timeout;
    }

    /** Whether the current AI settings ask for it. */
    boolean enabled() {
        return active.settings().queryRewriting();
    }

    List<String> queries(String question) {
        return queries(question, usage -> {});
    }

    /**
     * The model's queries for the question, without the question itself; empty on any failure.
     * {@code usage} gets the call's tokens (they count for the user like any other model call).
     */
    List<String> queries(String question, Consumer<Usage> usage) {
        LlmProvider provider;
        try {
            provider = active.provider();
        } catch (RuntimeException e) {
            log.debug("Query rewriting skipped, no provider: {}", e.getMessage());
            return List.of();
        }
        var request =
                new ChatRequest(List.of(Message.system(PROMPT), Message.user(question)), List.of(), MAX_OUTPUT_TOKENS);
        var cancellation = Cancellation.none();
        var call = CompletableFuture.supplyAsync(
                () -> {
                    ChatResponse response = provider.chat(request, event -> {}, cancellation);
                    usage.accept(response.usage());
                    return response.text();
                },
                r -> Thread.ofVirtual().name("rag-rewrite").start(r));
        try {
            return parse(call.get(timeout.toMillis(), TimeUnit.MILLISECONDS), question);
        } catch (TimeoutException e) {
            cancellation.cancel();
            call.cancel(true);
            log.info("Query rewriting gave no answer within {} ms; searching the question alone", timeout.toMillis());
        } catch (ExecutionException e) {
            log.info("Query rewriting failed, searching the question alone: {}", RagIndexer.message(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancellation.cancel();
        }
        return List.of();
    }

    /**
     * Lines that look like search queries: list markers and quotes stripped, a preamble ("Here are
     * the queries:"), over-long lines and repeats of the question dropped, at most {@link #MAX_QUERIES}.
     */
    static List<String> parse(String answer, String question) {
        if (answer == null) return List.of();
        Set<String> out = new LinkedHashSet<>();
        String q = normal(question);
        for (String line : answer.split("\\R")) {
            String s = line.strip()
                    .replaceFirst("^(?:[-*•]|\\d{1,2}[.)])\\s*", "")
                    .replaceAll("^[\"'`]+|[\"'`]+$", "")
                    .strip();
            if (s.isEmpty() || s.endsWith(":") || s.startsWith("```")) continue;
            if (s.length() > MAX_QUERY_CHARS || Chunk.words(s) > MAX_QUERY_WORDS) continue;
            if (normal(s).equals(q)) continue;
            out.add(s);
            if (out.size() == MAX_QUERIES) break;
        }
        return List.copyOf(new ArrayList<>(out));
    }

    private static String normal(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }
}
