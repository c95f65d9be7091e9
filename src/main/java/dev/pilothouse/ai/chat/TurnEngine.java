package dev.pilothouse.ai.chat;

import dev.pilothouse.ai.chat.ServerFrame.Citation;
import dev.pilothouse.ai.chat.ServerFrame.TokenUsage;
import dev.pilothouse.ai.config.ActiveProvider;
import dev.pilothouse.ai.config.AiSettings;
import dev.pilothouse.ai.provider.ChatRequest;
import dev.pilothouse.ai.provider.ChatResponse;
import dev.pilothouse.ai.provider.ContentPart;
import dev.pilothouse.ai.provider.LlmProvider;
import dev.pilothouse.ai.provider.Message;
import dev.pilothouse.ai.provider.StopReason;
import dev.pilothouse.ai.provider.StreamEvent;
import dev.pilothouse.ai.provider.Tool;
import dev.pilothouse.ai.provider.ToolCall;
import dev.pilothouse.ai.provider.Usage;
import dev.pilothouse.ai.tools.AssistantTools;
import dev.pilothouse.ai.tools.ToolContext;
import dev.pilothouse.ai.tools.ToolOutcome;
import dev.pilothouse.ai.tools.ToolSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * One chat turn, top to bottom (spec 4.1): history within its budget, retrieval, the system
 * prompt, then model calls streamed to the browser with the tool loop between them, up to the step
 * limit. Every message is saved as it completes — a reply cut off by a cancel or a failure too,
 * marked so — and each model call's usage is recorded. The turn runs on its own virtual thread and
 * does not depend on the browser staying: frames to a closed socket are dropped.
 */
@Component
class TurnEngine {

    /** What one turn needs; {@code out} is the socket it was started from. */
    record TurnRequest(
            ChatUser user,
            ConversationRepository.Conversation conversation,
            String question,
            PageContext page,
            RunningTurns.Running running,
            TurnOutput out) {
        String conversationId() {
            return conversation.id().toString();
        }
    }

    private static final java.util.concurrent.Executor RETRIEVAL =
            java.util.concurrent.Executors.newThreadPerTaskExecutor(
                    Thread.ofVirtual().name("chat-retrieval").factory());

    private final ActiveProvider active;
    private final HistoryWindow history;
    private final ChatRetrieval retrieval;
    private final SystemPrompt prompt;
    private final ToolRunner runner;
    private final AssistantTools tools;
    private final MessageRepository messages;
    private final UsageRepository usage;
    private final ConversationRepository conversations;
    private final RunningTurns turns;
    private final JsonMapper json;
    private final Timer overhead;

    TurnEngine(
            ActiveProvider active,
            HistoryWindow history,
            ChatRetrieval retrieval,
            SystemPrompt prompt,
            ToolRunner runner,
            AssistantTools tools,
            MessageRepository messages,
            UsageRepository usage,
            ConversationRepository conversations,
            RunningTurns turns,
            JsonMapper json,
            MeterRegistry meters) {
        this.active = active;
        this.history = history;
        this.retrieval = retrieval;
        this.prompt = prompt;
        this.runner = runner;
        this.tools = tools;
        this.messages = messages;
        this.usage = usage;
        this.conversations = conversations;
        this.turns = turns;
        this.json = json;
        this.overhead = Timer.builder("pilothouse.ai.chat.turn.overhead")
                .description("From a user message to the first model call: history, retrieval, prompt")
                .publishPercentiles(0.5, 0.95)
                .register(meters);
    }

    /** Tokens of the turn's model calls, summed for {@code message_done} (the rewrite call adds from its own thread). */
    private static final class Totals {
        long input;
        long output;

        synchronized void add(Usage u) {
            input += u.inputTokens() + u.cacheReadTokens() + u.cacheWriteTokens();
            output += u.outputTokens();
        }

        synchronized TokenUsage frame() {
            return new TokenUsage(input, output);
        }
    }

    void run(TurnRequest t) {
        long started = System.nanoTime();
        String cid = t.conversationId();
        ActiveProvider.Snapshot snapshot = active.current();
        AiSettings s = snapshot.settings();
        LlmProvider provider = snapshot.provider();
        var totals = new Totals();
        var partial = new StringBuilder();
        List<Citation> citations = List.of();
        try {
            var toolSettings = new ToolSettings(s.toolsEnabled(), s.writeToolsEnabled(), s.toolOutputTokenBudget());
            List<Tool> offered = s.toolsEnabled() ? tools.definitions(toolSettings) : List.of();
            // The retrieval (embedding + search) needs nothing from the history: both at once.
            var retrieving = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> retrieval.retrieve(t.user().username(), t.question(), r -> {
                        usage.record(
                                t.user().id(),
                                t.conversation().id(),
                                provider.kind().id(),
                                provider.model(),
                                "rewrite",
                                r);
                        totals.add(r);
                    }),
                    RETRIEVAL);
            var window = history.load(t.conversation(), provider, s.historyTokenBudget(), r -> {
                usage.record(
                        t.user().id(),
                        t.conversation().id(),
                        provider.kind().id(),
                        provider.model(),
                        "summary",
                        r.usage());
                totals.add(r.usage());
            });
            var retrieved = retrieving.join();
            citations = retrieved.citations();
            var conversation = new ArrayList<Message>();
            conversation.add(Message.system(
                    prompt.build(t.user(), t.page(), !offered.isEmpty(), retrieved.context(), window.summary())));
            conversation.addAll(window.messages());
            var context = new ToolContext(
                    t.user().username(), cid, t.page().cluster(), toolSettings, new SocketConfirmations(t.out()));
            overhead.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);

            for (int step = 1; ; step++) {
                partial.setLength(0);
                ChatResponse response = provider.chat(
                        ChatRequest.of(conversation, offered),
                        event -> {
                            if (event instanceof StreamEvent.TextDelta d
                                    && !d.text().isEmpty()) {
                                partial.append(d.text());
                                t.out().send(new ServerFrame.Token(cid, d.text()));
                            }
                        },
                        t.running().cancellation());
                usage.record(
                        t.user().id(),
                        t.conversation().id(),
                        provider.kind().id(),
                        provider.model(),
                        "chat",
                        response.usage());
                totals.add(response.usage());
                if (response.stopReason() == StopReason.CANCELLED) {
                    long id = save(
                            t,
                            response.text(),
                            List.of(),
                            MessageStatus.CANCELLED,
                            provider,
                            response.usage(),
                            citations);
                    done(t, id, "cancelled", totals, citations);
                    return;
                }
                if (response.toolCalls().isEmpty()) {
                    long id = save(
                            t,
                            response.text(),
                            List.of(),
                            MessageStatus.COMPLETE,
                            provider,
                            response.usage(),
                            citations);
                    done(t, id, "end_turn", totals, citations);
                    return;
                }
                long id = save(
                        t,
                        response.text(),
                        response.toolCalls(),
                        MessageStatus.COMPLETE,
                        provider,
                        response.usage(),
                        List.of());
                conversation.add(response.asMessage());
                String stop = runTools(t, response.toolCalls(), offered, context, conversation);
                if (stop != null) {
                    if (stop.equals("error")) {
                        t.out()
                                .send(
                                        new ServerFrame.Error(
                                                cid,
                                                "session_ended",
                                                "Your session ended (logged out, disabled or changed by an administrator), so the assistant stopped before its next tool call. Log in again to continue."));
                    }
                    done(t, id, stop, totals, citations);
                    return;
                }
                if (step >= s.maxToolSteps()) {
                    String note =
                            "\n\nI stopped after %d tool steps, the most one answer may take (an administrator sets this in Settings → AI Assistant). Ask me to continue, or narrow the question."
                                    .formatted(s.maxToolSteps());
                    t.out().send(new ServerFrame.Token(cid, note));
                    long noteId = save(t, note.strip(), List.of(), MessageStatus.COMPLETE, provider, null, citations);
                    done(t, noteId, "max_steps", totals, citations);
                    return;
                }
            }
        } catch (RuntimeException e) {
            // A provider failure (or ours): keep what was streamed, marked, and say what to do.
            Long id = null;
            if (!partial.isEmpty()) {
                try {
                    id = save(t, partial.toString(), List.of(), MessageStatus.ERROR, provider, null, List.of());
                } catch (RuntimeException saveFailed) {
                    e.addSuppressed(saveFailed); // the database is the problem; the frames still go out
                }
            }
            t.out().send(ErrorFrames.of(cid, e));
            done(t, id, "error", totals, List.of());
        }
    }

    /** @return null to go on, or the stop reason when the turn must end ({@code cancelled}, {@code error}) */
    private String runTools(
            TurnRequest t, List<ToolCall> calls, List<Tool> offered, ToolContext context, List<Message> conversation) {
        String cid = t.conversationId();
        var stop = new AtomicReference<String>();
        List<ToolRunner.Result> results = runner.run(
                calls,
                offered,
                context,
                call -> {
                    if (t.running().cancellation().isCancelled()) stop.compareAndSet(null, "cancelled");
                    if (!turns.sessionActive(t.running())) stop.compareAndSet(null, "error");
                    if (stop.get() != null) return false;
                    t.out().send(new ServerFrame.ToolCallFrame(cid, call.id(), call.name(), arguments(call)));
                    return true;
                },
                (call, outcome) -> t.out()
                        .send(new ServerFrame.ToolResultFrame(
                                cid, call.id(), call.name(), outcome.ok(), outcome.summary())));
        var parts = new ArrayList<ContentPart.ToolResult>();
        for (ToolRunner.Result r : results) {
            ToolOutcome o = r.outcome();
            messages.addToolResult(t.conversation().id(), r.call(), o.ok(), o.forModel(), o.summary());
            parts.add(new ContentPart.ToolResult(r.call().id(), r.call().name(), o.forModel(), !o.ok()));
        }
        conversation.add(Message.toolResults(parts));
        if (t.running().cancellation().isCancelled()) stop.compareAndSet(null, "cancelled");
        return stop.get();
    }

    private Object arguments(ToolCall call) {
        try {
            return json.readTree(call.arguments());
        } catch (RuntimeException e) {
            return call.arguments(); // the model wrote something that is not JSON: show it as it is
        }
    }

    private long save(
            TurnRequest t,
            String text,
            List<ToolCall> calls,
            MessageStatus status,
            LlmProvider provider,
            Usage u,
            List<Citation> citations) {
        return messages.addAssistant(t.conversation().id(), text, calls, status, provider.model(), u, citations);
    }

    /**
     * Ends the turn: the conversation is free again before {@code message_done} goes out, so a
     * client that sends its next message the moment it reads the frame is not told that the
     * assistant is still answering.
     */
    private void done(TurnRequest t, Long messageId, String stopReason, Totals totals, List<Citation> citations) {
        turns.release(t.running());
        t.out().send(new ServerFrame.MessageDone(t.conversationId(), messageId, stopReason, totals.frame(), citations));
    }
}
