import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, renderHook, waitFor } from "@testing-library/react";
import { usePageContextStore } from "@/stores/page-context";
import { useAiChatStore } from "../stores/ai-chat";
import { FakeWebSocket } from "../test/fake-socket";
import { backoffDelay, useAiChat } from "./use-ai-chat";

const preview = {
  dryRun: true,
  changes: [{ kind: "Deployment", namespace: "shop", name: "web", operation: "configured", before: null, after: null, diff: "-  replicas: 3\n+  replicas: 5" }],
};

function start() {
  const hook = renderHook(() => useAiChat({ url: "ws://test/api/ai/chat" }));
  const ws = FakeWebSocket.latest();
  act(() => ws.open());
  return { hook, ws };
}

describe("useAiChat", () => {
  beforeEach(() => {
    FakeWebSocket.instances = [];
    vi.stubGlobal("WebSocket", FakeWebSocket);
    useAiChatStore.getState().newConversation();
    useAiChatStore.getState().dismissContext(null);
    usePageContextStore.getState().setContext({});
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("sends the message with the page context and streams the reply token by token", async () => {
    usePageContextStore.getState().setContext({ cluster: "demo", namespace: "shop", kind: "Pod", name: "checkout-api-5d8f7b9c4-tq7wz" });
    const { hook, ws } = start();
    expect(ws.frames()[0]).toEqual({
      type: "context_update",
      context: { cluster: "demo", namespace: "shop", kind: "Pod", name: "checkout-api-5d8f7b9c4-tq7wz" },
    });

    act(() => void hook.result.current.send("Why is this pod failing?"));
    expect(ws.frames()[1]).toEqual({
      type: "user_message",
      text: "Why is this pod failing?",
      context: { cluster: "demo", namespace: "shop", kind: "Pod", name: "checkout-api-5d8f7b9c4-tq7wz" },
    });
    expect(useAiChatStore.getState().streaming).toBe(true);

    act(() => {
      ws.push({ type: "conversation", conversationId: "c1", title: "Why is this pod failing?" });
      for (const t of ["It ", "is missing ", "`PAYMENTS_URL`."]) ws.push({ type: "token", conversationId: "c1", text: t });
    });
    await waitFor(() =>
      expect(useAiChatStore.getState().items.at(-1)).toMatchObject({ kind: "assistant", text: "It is missing `PAYMENTS_URL`.", streaming: true }),
    );

    act(() =>
      ws.push({
        type: "message_done",
        conversationId: "c1",
        messageId: "m2",
        stopReason: "end_turn",
        usage: { inputTokens: 900, outputTokens: 12 },
        citations: [],
      }),
    );
    const state = useAiChatStore.getState();
    expect(state.streaming).toBe(false);
    expect(state.conversationId).toBe("c1");
    expect(state.items.at(-1)).toMatchObject({ kind: "assistant", id: "m2", streaming: false, usage: { inputTokens: 900, outputTokens: 12 } });

    // The next message belongs to the same conversation.
    act(() => void hook.result.current.send("And how do I fix it?"));
    expect(ws.frames().at(-1)).toMatchObject({ type: "user_message", conversationId: "c1" });
  });

  it("reconnects with backoff after the connection drops and reloads the conversation on screen", () => {
    vi.useFakeTimers();
    const { ws } = start();
    act(() => useAiChatStore.getState().openConversation("c7"));
    act(() => ws.drop());
    expect(useAiChatStore.getState().connection).toBe("reconnecting");
    expect(FakeWebSocket.instances).toHaveLength(1);

    act(() => vi.advanceTimersByTime(999));
    expect(FakeWebSocket.instances).toHaveLength(1); // not before the first delay (1 s)
    act(() => vi.advanceTimersByTime(300));
    expect(FakeWebSocket.instances).toHaveLength(2);

    // The second try fails too: the next wait is longer.
    act(() => FakeWebSocket.latest().drop());
    act(() => vi.advanceTimersByTime(1300));
    expect(FakeWebSocket.instances).toHaveLength(2);
    act(() => vi.advanceTimersByTime(1000));
    expect(FakeWebSocket.instances).toHaveLength(3);

    const third = FakeWebSocket.latest();
    act(() => third.open());
    expect(useAiChatStore.getState().connection).toBe("open");
    expect(third.frames()).toContainEqual({ type: "load_history", conversationId: "c7" });
  });

  it("says a reply was cut off when the connection drops mid-stream", () => {
    const { hook, ws } = start();
    act(() => void hook.result.current.send("hello"));
    act(() => ws.push({ type: "conversation", conversationId: "c1", title: "hello" }));
    act(() => ws.drop());
    const last = useAiChatStore.getState().items.at(-1);
    expect(last).toMatchObject({ kind: "error", errorKind: "connection_lost" });
    expect(useAiChatStore.getState().streaming).toBe(false);
  });

  it("sends the user's decision on a confirmation and shows its outcome", () => {
    const { hook, ws } = start();
    act(() => void hook.result.current.send("scale web to 5"));
    act(() => {
      ws.push({ type: "conversation", conversationId: "c1", title: "scale" });
      ws.push({
        type: "tool_call",
        conversationId: "c1",
        callId: "call-1",
        name: "scale_resource",
        arguments: { kind: "Deployment", name: "web", namespace: "shop", replicas: 5 },
      });
      ws.push({
        type: "confirm_action",
        conversationId: "c1",
        confirmationId: "conf-1",
        callId: "call-1",
        tool: "scale_resource",
        arguments: { kind: "Deployment", name: "web", namespace: "shop", replicas: 5 },
        cluster: "demo",
        preview,
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
      });
    });
    expect(useAiChatStore.getState().items.find((i) => i.id === "conf-1")).toMatchObject({ kind: "confirm", decision: "pending" });

    act(() => hook.result.current.decide("conf-1", true));
    expect(ws.frames().at(-1)).toEqual({ type: "confirm_action", confirmationId: "conf-1", approved: true });
    expect(useAiChatStore.getState().items.find((i) => i.id === "conf-1")).toMatchObject({ decision: "approved" });

    act(() =>
      ws.push({ type: "tool_result", conversationId: "c1", callId: "call-1", name: "scale_resource", ok: true, summary: "Scaled Deployment shop/web to 5" }),
    );
    expect(useAiChatStore.getState().items.find((i) => i.id === "conf-1")).toMatchObject({ outcome: { ok: true, summary: "Scaled Deployment shop/web to 5" } });
    expect(useAiChatStore.getState().items.find((i) => i.id === "call-1")).toMatchObject({ kind: "tool", result: { ok: true } });
  });

  it("cancels the running reply, also before the server named the conversation", () => {
    const { hook, ws } = start();
    act(() => void hook.result.current.send("write a long essay"));
    act(() => hook.result.current.cancel());
    expect(ws.frames().filter((f) => f.type === "cancel")).toHaveLength(0);
    act(() => ws.push({ type: "conversation", conversationId: "c9", title: "essay" }));
    expect(ws.frames().at(-1)).toEqual({ type: "cancel", conversationId: "c9" });

    act(() => ws.push({ type: "message_done", conversationId: "c9", messageId: "m1", stopReason: "cancelled" }));
    expect(useAiChatStore.getState().items.at(-1)).toMatchObject({ kind: "assistant", stopReason: "cancelled" });

    act(() => void hook.result.current.send("shorter, please"));
    act(() => hook.result.current.cancel());
    expect(ws.frames().at(-1)).toEqual({ type: "cancel", conversationId: "c9" });
  });

  it("tells the server when the page changes, and leaves out a context the user removed", () => {
    usePageContextStore.getState().setContext({ cluster: "demo" });
    const { hook, ws } = start();
    act(() => usePageContextStore.getState().setContext({ cluster: "demo", namespace: "payments", kind: "Deployment", name: "ledger" }));
    expect(ws.frames().at(-1)).toEqual({ type: "context_update", context: { cluster: "demo", namespace: "payments", kind: "Deployment", name: "ledger" } });

    act(() => useAiChatStore.getState().dismissContext("demo/payments/Deployment/ledger"));
    expect(ws.frames().at(-1)).toEqual({ type: "context_update", context: {} });
    act(() => void hook.result.current.send("hi"));
    expect(ws.frames().at(-1)).toEqual({ type: "user_message", text: "hi" });
  });

  it("refuses to send while disconnected instead of losing the message", () => {
    const hook = renderHook(() => useAiChat({ url: "ws://test/api/ai/chat" }));
    let sent = true;
    act(() => void (sent = hook.result.current.send("hello")));
    expect(sent).toBe(false);
    expect(useAiChatStore.getState().items).toHaveLength(0);
  });

  it("waits longer after each failure, at most 30 s", () => {
    const none = () => 0;
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((a) => backoffDelay(a, none))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });
});
