package dev.pilothouse.ai.tools;

import dev.pilothouse.audit.AuditEvent;
import dev.pilothouse.audit.AuditLog;
import dev.pilothouse.audit.AuditOutcome;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The confirmations that wait for a user's decision. A write's virtual thread blocks in {@link
 * #await} until the user decides through {@link #decide} (the chat's {@code confirm_action}
 * frame), the turn is cancelled, or the clock passes the expiry. The row in {@code
 * ai_confirmations} is settled once ({@code UPDATE … WHERE state = 'pending'}), so a replayed or
 * racing decision can never approve twice, and a restart withdraws (and audits) what it left.
 */
@Service
class PendingConfirmations implements ConfirmationManager {

    private static final Logger log = LoggerFactory.getLogger(PendingConfirmations.class);
    /** How often a waiter looks at the clock: expiry is noticed within this much of real time. */
    private static final long SLICE_MS = 100;

    private final ConfirmationRepository repository;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration timeout;
    private final String replica;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    private static final class Pending {
        final Binding binding;
        final CompletableFuture<ConfirmationOutcome> outcome = new CompletableFuture<>();
        final AtomicBoolean settled = new AtomicBoolean();

        Pending(Binding binding) {
            this.binding = binding;
        }
    }

    PendingConfirmations(
            ConfirmationRepository repository, AuditLog audit, ToolClock clock, ToolProperties properties) {
        this.repository = repository;
        this.audit = audit;
        this.clock = clock.clock();
        this.timeout = properties.confirmationTimeout();
        this.replica = properties.replica().isBlank() ? hostName() : properties.replica();
    }

    Duration timeout() {
        return timeout;
    }

    Instant now() {
        return clock.instant();
    }

    /**
     * Opens the confirmation, sends the request to the user's chat and waits for the outcome.
     * Blocks the calling (virtual) thread; never longer than the expiry.
     */
    ConfirmationOutcome await(Binding binding, ConfirmationChannel channel, ConfirmationRequest request) {
        repository.insert(binding, replica, clock.instant());
        Pending p = new Pending(binding);
        pending.put(binding.id(), p);
        try {
            try {
                channel.requestConfirmation(request);
            } catch (RuntimeException e) {
                settle(p, ConfirmationOutcome.WITHDRAWN, "there is no chat to ask the user in");
                return ConfirmationOutcome.WITHDRAWN;
            }
            while (true) {
                try {
                    return p.outcome.get(SLICE_MS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (!clock.instant().isBefore(binding.expiresAt())) {
                        settle(p, ConfirmationOutcome.EXPIRED, null);
                        return p.outcome.join();
                    }
                }
            }
        } catch (InterruptedException e) {
            settle(p, ConfirmationOutcome.WITHDRAWN, "the call was interrupted");
            Thread.currentThread().interrupt();
            return p.outcome.getNow(ConfirmationOutcome.WITHDRAWN);
        } catch (ExecutionException e) {
            return ConfirmationOutcome.WITHDRAWN; // never completed exceptionally
        } finally {
            pending.remove(binding.id());
        }
    }

    @Override
    public Decision decide(String username, String conversationId, String confirmationId, boolean approved) {
        Pending p = confirmationId == null ? null : pending.get(confirmationId);
        if (p == null) {
            return late(username, conversationId, confirmationId);
        }
        Binding b = p.binding;
        if (!b.username().equals(username) || (conversationId != null && !conversationId.equals(b.conversationId()))) {
            refused(username, confirmationId, b.cluster(), "not_yours");
            return Decision.NOT_YOURS;
        }
        if (!clock.instant().isBefore(b.expiresAt())) {
            settle(p, ConfirmationOutcome.EXPIRED, null);
            refused(username, confirmationId, b.cluster(), "expired");
            return Decision.EXPIRED;
        }
        if (settle(p, approved ? ConfirmationOutcome.APPROVED : ConfirmationOutcome.REJECTED, null)) {
            return Decision.ACCEPTED;
        }
        refused(username, confirmationId, b.cluster(), "already_decided");
        return Decision.ALREADY_DECIDED;
    }

    /** A decision for a confirmation nobody here waits for: already settled, elsewhere, or never. */
    private Decision late(String username, String conversationId, String confirmationId) {
        Optional<ConfirmationRepository.Row> row =
                confirmationId == null ? Optional.empty() : repository.find(confirmationId);
        if (row.isEmpty()) {
            refused(username, confirmationId, null, "unknown");
            return Decision.UNKNOWN;
        }
        var r = row.get();
        if (!r.username().equals(username) || (conversationId != null && !conversationId.equals(r.conversationId()))) {
            refused(username, confirmationId, r.cluster(), "not_yours");
            return Decision.NOT_YOURS;
        }
        Decision decision = switch (r.state()) {
            case "expired" -> Decision.EXPIRED;
            case "pending" -> Decision.UNKNOWN; // its waiter is on another replica, or died with a restart
            default -> Decision.ALREADY_DECIDED;
        };
        refused(username, confirmationId, r.cluster(), decision.name().toLowerCase());
        return decision;
    }

    @Override
    public void withdrawAll(String conversationId) {
        for (Pending p : pending.values()) {
            if (p.binding.conversationId().equals(conversationId)) {
                settle(p, ConfirmationOutcome.WITHDRAWN, "the turn was cancelled");
            }
        }
    }

    /**
     * Settles once: the first outcome wins, here and in the database. When the row was no longer
     * pending (a restarted replica withdrew it), the outcome is WITHDRAWN whatever was decided.
     */
    private boolean settle(Pending p, ConfirmationOutcome outcome, String reason) {
        if (!p.settled.compareAndSet(false, true)) return false;
        boolean stored = repository.settle(p.binding.id(), outcome.value(), clock.instant());
        ConfirmationOutcome effective = stored ? outcome : ConfirmationOutcome.WITHDRAWN;
        if (stored) {
            record(
                    p.binding.username(),
                    p.binding.id(),
                    p.binding.conversationId(),
                    p.binding.tool(),
                    p.binding.target(),
                    p.binding.cluster(),
                    p.binding.namespace(),
                    effective,
                    reason);
        }
        p.outcome.complete(effective);
        return stored;
    }

    /** After a restart: what this replica left pending (and what any replica left long ago) is withdrawn. */
    @EventListener(ApplicationReadyEvent.class)
    void recoverAfterRestart() {
        sweep(
                repository.abandoned(replica, clock.instant().minus(timeout)),
                "the server restarted before the user decided");
    }

    /** Rows whose replica died without a restart of the same name: withdrawn once well past expiry. */
    @Scheduled(initialDelay = 60_000, fixedDelay = 60_000)
    void sweepStale() {
        sweep(repository.stale(clock.instant().minus(timeout)), "its server stopped before the user decided");
    }

    private void sweep(java.util.List<ConfirmationRepository.Row> rows, String reason) {
        for (var r : rows) {
            if (pending.containsKey(r.id())) continue; // still waited for here
            if (repository.settle(r.id(), ConfirmationOutcome.WITHDRAWN.value(), clock.instant())) {
                record(
                        r.username(),
                        r.id(),
                        r.conversationId(),
                        r.tool(),
                        r.target(),
                        r.cluster(),
                        null,
                        ConfirmationOutcome.WITHDRAWN,
                        reason);
                log.info("Withdrew confirmation {} of {} ({})", r.id(), r.username(), reason);
            }
        }
    }

    private void record(
            String username,
            String id,
            String conversationId,
            String tool,
            String target,
            String cluster,
            String namespace,
            ConfirmationOutcome outcome,
            String reason) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("decision", outcome.value());
        details.put("confirmationId", id);
        details.put("conversationId", conversationId);
        details.put("tool", tool);
        details.put("via", "assistant");
        if (reason != null) details.put("reason", reason);
        audit.record(AuditEvent.of(
                        username,
                        "ai.confirm",
                        target,
                        outcome == ConfirmationOutcome.APPROVED ? AuditOutcome.SUCCESS : AuditOutcome.DENIED)
                .onCluster(cluster, namespace)
                .withDetails(details));
    }

    /** A decision that changed nothing: someone else's, unknown, late or repeated. */
    private void refused(String username, String id, String cluster, String why) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("refused", why);
        details.put("confirmationId", String.valueOf(id));
        details.put("via", "assistant");
        audit.record(AuditEvent.of(username, "ai.confirm", "", AuditOutcome.DENIED)
                .onCluster(cluster, null)
                .withDetails(details));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }
}
