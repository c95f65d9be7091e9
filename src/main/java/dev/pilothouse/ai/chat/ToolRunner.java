package dev.pilothouse.ai.chat;

import dev.pilothouse.ai.provider.Tool;
import dev.pilothouse.ai.provider.ToolCall;
import dev.pilothouse.ai.tools.AssistantTools;
import dev.pilothouse.ai.tools.ToolContext;
import dev.pilothouse.ai.tools.ToolOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Runs the tool calls of one model step. Runs of consecutive read-only calls go in parallel, one
 * virtual thread each (they are independent lookups); a call that needs confirmation runs alone,
 * in the model's order, so the user is asked one change at a time. Results come back in call order.
 */
@Component
class ToolRunner {

    private final AssistantTools tools;

    ToolRunner(AssistantTools tools) {
        this.tools = tools;
    }

    record Result(ToolCall call, ToolOutcome outcome) {}

    /**
     * @param offered the tool definitions of this turn (which ones need confirmation)
     * @param before asked before each call runs (frames, the cancel and session checks); false: the
     *     call is not run and gets a failed result, so every call the model made still has one
     * @param after called as each call finishes, on the thread that ran it
     */
    List<Result> run(
            List<ToolCall> calls,
            List<Tool> offered,
            ToolContext context,
            java.util.function.Predicate<ToolCall> before,
            BiConsumer<ToolCall, ToolOutcome> after) {
        Map<String, Boolean> confirm =
                offered.stream().collect(Collectors.toMap(Tool::name, Tool::requiresConfirm, (a, b) -> a));
        var results = new ArrayList<Result>();
        var batch = new ArrayList<ToolCall>();
        for (ToolCall call : calls) {
            // An unknown name is run alone too: the executor answers it with a failure.
            if (Boolean.FALSE.equals(confirm.get(call.name()))) {
                batch.add(call);
                continue;
            }
            results.addAll(parallel(batch, c -> runOne(c, context, before, after)));
            batch.clear();
            results.add(runOne(call, context, before, after));
        }
        results.addAll(parallel(batch, c -> runOne(c, context, before, after)));
        return results;
    }

    private Result runOne(
            ToolCall call,
            ToolContext context,
            java.util.function.Predicate<ToolCall> before,
            BiConsumer<ToolCall, ToolOutcome> after) {
        if (!before.test(call)) {
            return new Result(
                    call,
                    new ToolOutcome.Failure(
                            "not_run", "Not run: the turn was stopped before this call.", "Not run: the turn stopped"));
        }
        ToolOutcome outcome = tools.execute(call, context);
        after.accept(call, outcome);
        return new Result(call, outcome);
    }

    private static List<Result> parallel(List<ToolCall> calls, Function<ToolCall, Result> run) {
        if (calls.isEmpty()) return List.of();
        if (calls.size() == 1) return List.of(run.apply(calls.getFirst()));
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Result>> futures = new ArrayList<>();
            for (ToolCall call : calls) futures.add(executor.submit(() -> run.apply(call)));
            var out = new ArrayList<Result>();
            for (Future<Result> f : futures) out.add(f.get());
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while tools ran", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        }
    }
}
