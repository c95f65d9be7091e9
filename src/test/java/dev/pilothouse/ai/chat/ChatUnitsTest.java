package dev.pilothouse.ai.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilothouse.ai.provider.Message;
import dev.pilothouse.ai.provider.ToolCall;
import dev.pilothouse.platform.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parts of a turn that need no server: the per-user message limit and history → provider messages. */
class ChatUnitsTest {

    static StoredMessage stored(long id, String role, String content, List<ToolCall> calls, String callId, Boolean ok) {
        return new StoredMessage(
                id,
                role,
                content,
                "complete",
                calls,
                callId,
                callId == null ? null : "get_logs",
                ok,
                null,
                null,
                null,
                List.of(),
                Instant.now());
    }

    @Test
    void theMessageRateLimitRefusesTheMessageOverTheLimitAndSaysHowLongToWait() {
        var limits = new ChatLimits(
                new ChatProperties(List.of(), 65_536, 1 << 19, Duration.ofSeconds(5), 3, Duration.ofSeconds(3), 6),
                null);
        limits.checkRate("alice");
        limits.checkRate("Alice");
        limits.checkRate("alice");
        assertThatThrownBy(() -> limits.checkRate("ALICE"))
                .isInstanceOfSatisfying(ApiException.TooManyRequests.class, e -> {
                    assertThat(e.code()).isEqualTo("rate_limited");
                    assertThat(e.getMessage()).contains("3 messages").contains("wait");
                    assertThat(e.retryAfter()).isPositive();
                });
        limits.checkRate("bob"); // per user
    }

    @Test
    void aToolCallWhoseResultWasNeverSavedGetsOneSayingSoAndCompletedOnesKeepTheirs() {
        var a = new ToolCall("call_a", "get_logs", "{}");
        var b = new ToolCall("call_b", "get_logs", "{}");
        List<Message> messages = HistoryWindow.toMessages(List.of(
                stored(1, "user", "why?", List.of(), null, null),
                stored(2, "assistant", "", List.of(a, b), null, null),
                stored(3, "tool", "log lines", List.of(), "call_a", true),
                stored(4, "user", "and now?", List.of(), null, null)));
        assertThat(messages)
                .extracting(Message::role)
                .containsExactly(Message.Role.USER, Message.Role.ASSISTANT, Message.Role.TOOL, Message.Role.USER);
        var results = messages.get(2).toolResults();
        assertThat(results).extracting(r -> r.toolCallId()).containsExactly("call_a", "call_b");
        assertThat(results.get(0).content()).isEqualTo("log lines");
        assertThat(results.get(0).error()).isFalse();
        assertThat(results.get(1).content()).contains("did not finish");
        assertThat(results.get(1).error()).isTrue();
    }

    @Test
    void exchangesSplitAtEachUserMessageKeepingToolMessagesWithTheirAssistant() {
        var call = new ToolCall("c", "get_logs", "{}");
        var exchanges = HistoryWindow.exchanges(List.of(
                stored(1, "user", "q1", List.of(), null, null),
                stored(2, "assistant", "", List.of(call), null, null),
                stored(3, "tool", "r", List.of(), "c", true),
                stored(4, "assistant", "a1", List.of(), null, null),
                stored(5, "user", "q2", List.of(), null, null)));
        assertThat(exchanges).hasSize(2);
        assertThat(exchanges.get(0)).hasSize(4);
        assertThat(exchanges.get(1)).extracting(StoredMessage::content).containsExactly("q2");
    }

    @Test
    void titlesAreTheFirstLineCutToSixtyCharacters() {
        assertThat(ChatService.title("  Why is checkout failing?\nmore detail")).isEqualTo("Why is checkout failing?");
        assertThat(ChatService.title("x".repeat(100))).hasSize(60).endsWith("…");
    }
}
