import { beforeEach, describe, expect, it } from "vitest";
import { conversationUsage, itemsFromHistory, useAiChatStore } from "./ai-chat";

const store = () => useAiChatStore.getState();

describe("ai-chat store", () => {
  beforeEach(() => store().newConversation());

  it("turns saved history into bubbles and tool rows, results joined to their call", () => {
    const items = itemsFromHistory([
      { id: 1, role: "user", content: "why is checkout-api failing?", createdAt: "" },
      { id: 2, role: "assistant", content: "", toolCalls: [{ id: "t1", name: "get_logs", arguments: '{"namespace":"shop","pod":"p"}' }], createdAt: "" },
      {
        id: 3,
        role: "tool",
        content: "<untrusted>…</untrusted>",
        toolCallId: "t1",
        toolName: "get_logs",
        ok: true,
        summary: "Read 6 log lines",
        createdAt: "",
      },
      { id: 4, role: "assistant", content: "PAYMENTS_URL is not set.", status: "complete", usage: { inputTokens: 10, outputTokens: 5 }, createdAt: "" },
      { id: 5, role: "user", content: "more", createdAt: "" },
      { id: 6, role: "assistant", content: "Part", status: "cancelled", usage: { inputTokens: 20, outputTokens: 1 }, createdAt: "" },
    ]);
    expect(items.map((i) => i.kind)).toEqual(["user", "tool", "assistant", "user", "assistant"]);
    expect(items[1]).toMatchObject({ kind: "tool", name: "get_logs", result: { ok: true, summary: "Read 6 log lines" } });
    expect(items[4]).toMatchObject({ stopReason: "cancelled" });
    expect(conversationUsage(items)).toEqual({ inputTokens: 30, outputTokens: 6 });
  });

  it("a turn that failed before anything was written shows its error alone, not an empty reply", () => {
    store().sent("hello");
    store().receive({ type: "conversation", conversationId: "c1", title: "hello" });
    store().receive({ type: "error", conversationId: "c1", code: "provider_not_configured", message: "No Anthropic API key is set." });
    store().receive({ type: "message_done", conversationId: "c1", messageId: "m1", stopReason: "error", usage: { inputTokens: 0, outputTokens: 0 } });
    expect(store().items.map((i) => i.kind)).toEqual(["user", "error"]);
    expect(store().streaming).toBe(false);
  });

  it("a turn that failed after spending tokens keeps its reply entry, so the usage still counts", () => {
    store().sent("hello");
    store().receive({ type: "conversation", conversationId: "c1", title: "hello" });
    store().receive({ type: "error", conversationId: "c1", code: "provider_overloaded", message: "Overloaded." });
    store().receive({ type: "message_done", conversationId: "c1", messageId: "m1", stopReason: "error", usage: { inputTokens: 120, outputTokens: 0 } });
    expect(store().items.map((i) => i.kind)).toEqual(["user", "error", "assistant"]);
    expect(conversationUsage(store().items)).toEqual({ inputTokens: 120, outputTokens: 0 });
  });

  it("adopts the new conversation's id and ignores frames of another conversation", () => {
    store().sent("hello");
    store().receive({ type: "conversation", conversationId: "c1", title: "hello" });
    store().receive({ type: "token", conversationId: "other", text: "not mine" });
    store().receive({ type: "token", conversationId: "c1", text: "Hi" });
    expect(store().title).toBe("hello");
    expect(store().items.map((i) => (i.kind === "assistant" ? i.text : i.kind))).toEqual(["user", "Hi"]);
  });

  it("a turn that ends leaves no confirmation waiting", () => {
    store().openConversation("c1");
    store().receive({ type: "history", conversationId: "c1", messages: [] });
    store().sent("delete it");
    store().receive({
      type: "confirm_action",
      conversationId: "c1",
      confirmationId: "k",
      callId: "t",
      tool: "delete_resource",
      arguments: {},
      cluster: "demo",
      preview: { dryRun: true, changes: [] },
      expiresAt: new Date().toISOString(),
    });
    store().receive({ type: "message_done", conversationId: "c1", messageId: "m", stopReason: "end_turn" });
    expect(store().items.find((i) => i.id === "k")).toMatchObject({ decision: "expired" });
    expect(store().streaming).toBe(false);
  });

  it("an error frame ends the turn and says what kind of error it is", () => {
    store().sent("hi");
    store().receive({ type: "error", code: "provider_not_configured", message: "No AI provider is configured." });
    expect(store().items.at(-1)).toMatchObject({ kind: "error", errorKind: "no_provider" });
    expect(store().streaming).toBe(false);
  });
});
