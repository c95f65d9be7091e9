package dev.pilothouse.ai.rag;

import dev.pilothouse.ai.config.AiConfigChanged;
import dev.pilothouse.ai.config.AiConfigService;
import dev.pilothouse.ai.provider.Embedder;
import dev.pilothouse.ai.provider.Usage;
import dev.pilothouse.cluster.ClusterInfo;
import dev.pilothouse.cluster.ClusterManager;
import dev.pilothouse.plugin.PluginRegistry;
import jakarta.annotation.PreDestroy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The RAG facade: what the assistant retrieves, and when the index is rebuilt — at start, every
 * {@code reindexInterval}, when the embedding model changes, and on demand. Runs happen on one
 * background thread; across replicas the indexer's advisory lock keeps it to one at a time.
 */
@Service
public class RagService {

    private static final Logger log = LoggerFactory.getLogger(RagService.class);

    private final RagIndexer indexer;
    private final Retriever retriever;
    private final EmbeddingStore store;
    private final IndexStatusRepository status;
    private final AiConfigService config;
    private final ClusterManager clusters;
    private final PluginRegistry plugins;
    private final RagProperties properties;
    private final QueryRewriter rewriter;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("rag-indexer").factory());
    private final AtomicBoolean queued = new AtomicBoolean();

    RagService(
            RagIndexer indexer,
            Retriever retriever,
            EmbeddingStore store,
            IndexStatusRepository status,
            AiConfigService config,
            ClusterManager clusters,
            PluginRegistry plugins,
            RagProperties properties,
            QueryRewriter rewriter) {
        this.indexer = indexer;
        this.retriever = retriever;
        this.store = store;
        this.status = status;
        this.config = config;
        this.clusters = clusters;
        this.plugins = plugins;
        this.properties = properties;
        this.rewriter = rewriter;
    }

    /** The embedder of the current AI configuration. */
    public Embedder embedder() {
        return config.provider().embedder();
    }

    /** Docs (the configured folder or the shipped guides), plugin manifests, and each cluster's CRDs and OpenAPI. */
    List<IndexSource> sources() {
        var sources = new ArrayList<IndexSource>();
        sources.add(
                properties.docsDir().isBlank()
                        ? DocsSource.classpath("docs", "guides")
                        : DocsSource.directory("docs", Path.of(properties.docsDir())));
        sources.add(new PluginSource(plugins::plugins));
        for (ClusterInfo c : clusters.list()) {
            sources.add(new CrdSource(c.name(), () -> clusters.systemClient(c.name())));
            sources.add(new OpenApiSource(c.name(), () -> clusters.systemClient(c.name())));
        }
        return sources;
    }

    /**
     * Indexes now, on the calling thread. After a run in which every source indexed, chunks of
     * other embedding models are deleted — unless the model changed again meanwhile, in which case
     * the next run decides.
     */
    public RagIndexer.Report reindexNow(String trigger) {
        Embedder embedder = embedder();
        RagIndexer.Report report = indexer.run(trigger, embedder, sources(), true);
        boolean allIndexed = report.ran() && report.sources().stream().allMatch(s -> s.error() == null);
        if (allIndexed && embedder().modelName().equals(report.model())) {
            int removed = store.deleteOtherModels(report.model());
            if (removed > 0) log.info("Removed {} chunks of earlier embedding models", removed);
        }
        return report;
    }

    /** Starts a run in the background. False when one is already running or queued. */
    public boolean requestReindex(String trigger) {
        if (indexer.running() || !queued.compareAndSet(false, true)) return false;
        worker.execute(() -> runQuietly(trigger));
        return true;
    }

    private void runQuietly(String trigger) {
        queued.set(false);
        try {
            reindexNow(trigger);
        } catch (RuntimeException e) {
            log.warn("RAG index run ({}) failed: {}", trigger, RagIndexer.message(e));
        }
    }

    /**
     * What the assistant retrieves. The filter names the clusters whose CRDs and schema may be
     * returned (those the user has a role on); docs and plugins are always searched.
     */
    public Retriever.Retrieval search(String query, int k, SearchFilter filter) {
        return retriever.retrieve(embedder(), query, k, filter, properties.contextTokens());
    }

    /**
     * What a chat turn retrieves: as {@link #search}, and when the AI setting {@code queryRewriting}
     * is on, the configured model's search queries for the question (one more model call, bounded by
     * {@code pilothouse.rag.rewrite-timeout}) are searched with it, each chunk counting with its best
     * match. Off, or when the model fails or is late, it is {@link #search}.
     */
    public Retriever.Retrieval searchForChat(String question, int k, SearchFilter filter) {
        return searchForChat(question, k, filter, usage -> {});
    }

    /** As above; {@code rewriteUsage} gets the tokens of the rewriting call, when there is one. */
    public Retriever.Retrieval searchForChat(
            String question, int k, SearchFilter filter, java.util.function.Consumer<Usage> rewriteUsage) {
        var queries = new ArrayList<String>();
        queries.add(question);
        if (rewriter.enabled()) queries.addAll(rewriter.queries(question, rewriteUsage));
        return retriever.retrieve(embedder(), queries, k, filter, properties.contextTokens(), Retriever.Fusion.DEFAULT);
    }

    /** Every registered cluster: the scope of an administrator's search. */
    public Set<String> clusterNames() {
        var names = new java.util.TreeSet<String>();
        clusters.list().forEach(c -> names.add(c.name()));
        return names;
    }

    /** What GET /api/ai/rag/status shows. */
    public record Status(
            String model,
            int dimensions,
            boolean running,
            IndexStatusRepository.Progress progress,
            long chunks,
            Map<String, Long> chunksByModel,
            List<IndexStatusRepository.SourceStatus> sources) {}

    public Status status() {
        Embedder e = embedder();
        var byModel = store.countsByModel();
        return new Status(
                e.modelName(),
                e.dimensions(),
                indexer.running(),
                status.progress().orElse(null),
                byModel.getOrDefault(e.modelName(), 0L),
                byModel,
                status.sources());
    }

    @EventListener(ApplicationReadyEvent.class)
    void schedule() {
        if (!properties.autoIndex()) return;
        long interval = properties.reindexInterval().toMillis();
        long delay = Math.max(0, properties.initialDelay().toMillis());
        if (interval > 0) {
            worker.scheduleWithFixedDelay(() -> runQuietly("schedule"), delay, interval, TimeUnit.MILLISECONDS);
        } else {
            worker.schedule(() -> runQuietly("start"), delay, TimeUnit.MILLISECONDS);
        }
    }

    /** After the commit: the run reads the new configuration to choose its embedder. */
    @TransactionalEventListener(fallbackExecution = true)
    void onConfigChanged(AiConfigChanged event) {
        if (properties.autoIndex() && event.reindexRequired()) requestReindex("embedding model changed");
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
