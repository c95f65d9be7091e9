package dev.pilothouse.ai.chat;

import dev.pilothouse.ai.tools.ConfirmationManager;
import dev.pilothouse.ai.tools.ConfirmationOutcome;
import dev.pilothouse.ai.tools.ConfirmationRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A stand-in for the tools side's confirmation manager (test only), keeping its rules: only the owner decides, once. */
public final class ScriptedConfirmations implements ConfirmationManager {

    /** One write waiting. */
    public static final class Pending {
        final String username;
        final String conversationId;
        private final java.util.concurrent.CompletableFuture<ConfirmationOutcome> outcome =
                new java.util.concurrent.CompletableFuture<>();

        Pending(String username, String conversationId) {
            this.username = username;
            this.conversationId = conversationId;
        }

        ConfirmationOutcome get(long timeout, TimeUnit unit) throws InterruptedException {
            try {
                return outcome.get(timeout, unit);
            } catch (TimeoutException e) {
                return ConfirmationOutcome.EXPIRED;
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public record Decided(
            String username, String conversationId, String confirmationId, boolean approved, Decision decision) {}

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final List<Decided> decisions = new CopyOnWriteArrayList<>();
    private final List<String> withdrawn = new CopyOnWriteArrayList<>();

    Pending open(String username, ConfirmationRequest request) {
        var p = new Pending(username, request.conversationId());
        pending.put(request.confirmationId(), p);
        return p;
    }

    void forget(String id) {
        pending.remove(id);
    }

    public List<Decided> decisions() {
        return List.copyOf(decisions);
    }

    public List<String> withdrawn() {
        return List.copyOf(withdrawn);
    }

    @Override
    public Decision decide(String username, String conversationId, String confirmationId, boolean approved) {
        Decision d = decideOnce(username, conversationId, confirmationId, approved);
        decisions.add(new Decided(username, conversationId, confirmationId, approved, d));
        return d;
    }

    private Decision decideOnce(String username, String conversationId, String confirmationId, boolean approved) {
        Pending p = pending.get(confirmationId);
        if (p == null) return Decision.UNKNOWN;
        if (!p.username.equals(username) || (conversationId != null && !conversationId.equals(p.conversationId))) {
            return Decision.NOT_YOURS;
        }
        boolean first = p.outcome.complete(approved ? ConfirmationOutcome.APPROVED : ConfirmationOutcome.REJECTED);
        return first ? Decision.ACCEPTED : Decision.ALREADY_DECIDED;
    }

    @Override
    public void withdrawAll(String conversationId) {
        withdrawn.add(conversationId);
        pending.values().stream()
                .filter(p -> p.conversationId.equals(conversationId))
                .forEach(p -> p.outcome.complete(ConfirmationOutcome.WITHDRAWN));
    }
}
