package dev.pilothouse.rbac;

import dev.pilothouse.platform.DatabaseNotifications;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@link AccessControl} backed by the database, with each user's grants cached because every
 * cluster request asks. A change clears the cache of every replica when its transaction commits
 * (LISTEN/NOTIFY on {@value #CHANGES}); should that notification be missed, entries still expire
 * after {@code pilothouse.rbac.cache-ttl} (10 s by default), which bounds how long a revoked grant
 * can live.
 */
@Service
class RbacEngine implements AccessControl {

    static final String CHANGES = "pilothouse_rbac";

    private record Entry(List<Grant> grants, long loadedAt, long generation) {}

    private final RbacRepository repository;
    private final long ttlNanos;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();
    // Bumped by every invalidation; an entry loaded under an older generation is never used, so a
    // load that raced with a change cannot bring the old grants back.
    private final AtomicLong generation = new AtomicLong();

    private final DatabaseNotifications notifications;

    RbacEngine(
            RbacRepository repository,
            DatabaseNotifications notifications,
            @Value("${pilothouse.rbac.cache-ttl:10s}") Duration ttl) {
        this.repository = repository;
        this.notifications = notifications;
        this.ttlNanos = ttl.toNanos();
        notifications.subscribe(CHANGES, this::clear);
    }

    @Override
    public AccessDecision decide(AccessRequest request) {
        Objects.requireNonNull(request.verb(), "verb");
        Objects.requireNonNull(request.cluster(), "cluster");
        Objects.requireNonNull(request.resource(), "resource");
        if (request.username() == null || request.username().isBlank()) {
            return new AccessDecision(false, "nobody is logged in");
        }
        return Decisions.decide(request.username(), grants(request.username()), request);
    }

    @Override
    public NamespaceScope namespaces(String username, Verb verb, String cluster, String apiGroup, String resource) {
        String group = apiGroup == null ? "" : apiGroup;
        String res = resource.toLowerCase(Locale.ROOT);
        Set<String> names = new HashSet<>();
        for (Grant grant : grants(username)) {
            if (!grant.onCluster(cluster) || !grant.allows(verb, group, res)) continue;
            if (grant.namespaces().contains(Rule.ANY)) return new NamespaceScope(true, Set.of());
            names.addAll(grant.namespaces());
        }
        return new NamespaceScope(false, names);
    }

    @Override
    public boolean hasRoleOn(String username, String cluster) {
        return username != null
                && !username.isBlank()
                && grants(username).stream().anyMatch(g -> g.onCluster(cluster));
    }

    /** Forgets every cached grant, on every replica, once the current transaction (if any) has committed. */
    void invalidate() {
        notifications.publish(CHANGES);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    clear();
                }
            });
        }
        clear();
    }

    private void clear() {
        generation.incrementAndGet();
        cache.clear();
    }

    private List<Grant> grants(String username) {
        String key = username.toLowerCase(Locale.ROOT);
        long now = System.nanoTime();
        Entry entry = cache.get(key);
        if (entry != null && entry.generation() == generation.get() && now - entry.loadedAt() < ttlNanos) {
            return entry.grants();
        }
        long current = generation.get();
        List<Grant> grants = repository.grantsOf(username);
        cache.put(key, new Entry(grants, now, current));
        return grants;
    }
}
