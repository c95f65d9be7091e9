package dev.pilothouse.ai.rag;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * RAG settings ({@code pilothouse.rag.*}).
 *
 * @param docsDir a folder of markdown to index ({@code PILOTHOUSE_RAG_DOCS_DIR}); empty for the guides shipped in the jar
 * @param autoIndex index at start, every {@code reindexInterval} and after the embedding model changes; false: on demand only
 * @param reindexInterval time between periodic runs ({@code PILOTHOUSE_RAG_REINDEX_INTERVAL})
 * @param initialDelay wait after start before the first run, so start-up is not slowed
 * @param probes ivfflat lists searched per query; 0 sizes it to the index
 * @param contextTokens the retriever's budget for the context it hands the model
 * @param pageCards index one card per document (title, description, section list) beside its chunks;
 *     a search that finds a card returns the document's best chunk. Off: on the evaluation set it
 *     changed one answer in 96 for 10 % more rows (docs/benchmarks.md)
 * @param rewriteTimeout how long the chat path waits for the model's search queries (AI setting
 *     {@code queryRewriting}) before it searches the question alone
 */
@ConfigurationProperties("pilothouse.rag")
public record RagProperties(
        @DefaultValue("") String docsDir,
        @DefaultValue("true") boolean autoIndex,
        @DefaultValue("6h") Duration reindexInterval,
        @DefaultValue("30s") Duration initialDelay,
        @DefaultValue("0") int probes,
        @DefaultValue("3000") int contextTokens,
        @DefaultValue("3s") Duration rewriteTimeout,
        @DefaultValue("false") boolean pageCards) {}
