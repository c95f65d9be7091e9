import { create } from "zustand";
import type { ChangeResult } from "@/types/api";
import {
  errorKind,
  parseArguments,
  type ChatErrorKind,
  type Citation,
  type HistoryMessage,
  type ServerFrame,
  type StopReason,
  type TokenUsage,
} from "../api/protocol";

/** What the message list shows, one entry per bubble or row. */
export type ChatItem =
  | { kind: "user"; id: string; text: string }
  | {
      kind: "assistant";
      id: string;
      text: string;
      streaming: boolean;
      stopReason?: StopReason;
      usage?: TokenUsage;
      citations?: Citation[];
    }
  | { kind: "tool"; id: string; name: string; arguments: Record<string, unknown>; result?: { ok: boolean; summary: string } }
  | {
      kind: "confirm";
      id: string;
      callId: string;
      tool: string;
      arguments: Record<string, unknown>;
      cluster: string;
      preview: ChangeResult;
      expiresAt: string;
      decision: "pending" | "approved" | "rejected" | "expired";
      outcome?: { ok: boolean; summary: string };
    }
  | { kind: "error"; id: string; code: string; message: string; errorKind: ChatErrorKind };

export type ConnectionState = "connecting" | "open" | "reconnecting";

interface AiChatState {
  conversationId: string | null;
  title: string | null;
  items: ChatItem[];
  /** A turn is running: the reply streams, tools run, or a confirmation waits. */
  streaming: boolean;
  loadingHistory: boolean;
  connection: ConnectionState;
  /** When the next reconnect attempt is due (epoch ms), while reconnecting. */
  retryAt: number | null;
  /** The message box's text; kept here so it survives closing the panel and "Ask AI" can fill it. */
  draft: string;
  /** The page context the user removed from the chip; it comes back when the page changes. */
  dismissedContextKey: string | null;

  receive: (frame: ServerFrame) => void;
  sent: (text: string) => void;
  decide: (confirmationId: string, approved: boolean) => void;
  expire: (confirmationId: string) => void;
  newConversation: () => void;
  openConversation: (id: string, title?: string) => void;
  forgetConversation: (id: string) => void;
  setConnection: (connection: ConnectionState, retryAt?: number | null) => void;
  connectionLost: () => void;
  setDraft: (draft: string) => void;
  dismissContext: (key: string | null) => void;
}

let seq = 0;
const localId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(seq++).toString(36)}`;

/** Saved messages as list entries: tool calls become rows, tool results join their call. */
export function itemsFromHistory(messages: HistoryMessage[]): ChatItem[] {
  const items: ChatItem[] = [];
  for (const m of messages) {
    const id = String(m.id);
    if (m.role === "user") items.push({ kind: "user", id, text: m.content });
    else if (m.role === "assistant") {
      const stopReason: StopReason | undefined = m.status === "cancelled" ? "cancelled" : m.status === "error" ? "error" : undefined;
      if (m.content || !m.toolCalls?.length)
        items.push({
          kind: "assistant",
          id,
          text: m.content,
          streaming: false,
          stopReason,
          usage: m.usage ?? undefined,
          citations: m.citations ?? undefined,
        });
      for (const call of m.toolCalls ?? []) items.push({ kind: "tool", id: call.id, name: call.name, arguments: parseArguments(call.arguments) });
    } else if (m.role === "tool" && m.toolCallId) {
      const result = { ok: m.ok ?? false, summary: m.summary ?? (m.ok ? "Done" : "Failed") };
      const call = items.find((i) => i.kind === "tool" && i.id === m.toolCallId);
      if (call && call.kind === "tool") call.result = result;
      else items.push({ kind: "tool", id: m.toolCallId, name: m.toolName ?? "tool", arguments: {}, result });
    }
  }
  return items;
}

/** Tokens used by the conversation's replies so far. */
export function conversationUsage(items: ChatItem[]): TokenUsage {
  let inputTokens = 0;
  let outputTokens = 0;
  for (const i of items) {
    if (i.kind === "assistant" && i.usage) {
      inputTokens += i.usage.inputTokens;
      outputTokens += i.usage.outputTokens;
    }
  }
  return { inputTokens, outputTokens };
}

function update(items: ChatItem[], id: string, change: (item: ChatItem) => ChatItem): ChatItem[] {
  return items.map((i) => (i.id === id ? change(i) : i));
}

/** Applies one server frame to the conversation on screen. */
function reduce(state: AiChatState, frame: ServerFrame): Partial<AiChatState> {
  // Frames of a conversation that is not on screen (one the user left mid-turn) are not shown.
  const mine = !("conversationId" in frame) || !frame.conversationId || frame.conversationId === state.conversationId;
  switch (frame.type) {
    case "conversation":
      // The answer to a first message: this is the new conversation's id.
      if (state.conversationId === null || state.conversationId === frame.conversationId) return { conversationId: frame.conversationId, title: frame.title };
      return {};
    case "history":
      if (frame.conversationId !== state.conversationId) return {};
      return { items: itemsFromHistory(frame.messages), loadingHistory: false };
    default:
      if (!mine) return {};
  }
  const items = state.items;
  const last = items[items.length - 1];
  switch (frame.type) {
    case "token":
      if (last?.kind === "assistant" && last.streaming) return { items: [...items.slice(0, -1), { ...last, text: last.text + frame.text }] };
      return { items: [...items, { kind: "assistant", id: localId("a"), text: frame.text, streaming: true }], streaming: true };
    case "tool_call":
      return {
        items: [...stopStreamingText(items), { kind: "tool", id: frame.callId, name: frame.name, arguments: frame.arguments ?? {} }],
        streaming: true,
      };
    case "tool_result": {
      const result = { ok: frame.ok, summary: frame.summary };
      let next = update(items, frame.callId, (i) => (i.kind === "tool" ? { ...i, result } : i));
      // The outcome of an approved (or refused) change shows on its confirmation too.
      next = next.map((i) => (i.kind === "confirm" && i.callId === frame.callId ? { ...i, outcome: result } : i));
      if (!next.some((i) => i.id === frame.callId)) next = [...next, { kind: "tool", id: frame.callId, name: frame.name, arguments: {}, result }];
      return { items: next };
    }
    case "confirm_action":
      return {
        items: [
          ...stopStreamingText(items),
          {
            kind: "confirm",
            id: frame.confirmationId,
            callId: frame.callId,
            tool: frame.tool,
            arguments: frame.arguments ?? {},
            cluster: frame.cluster,
            preview: frame.preview,
            expiresAt: frame.expiresAt,
            decision: "pending",
          },
        ],
      };
    case "message_done": {
      const done = { streaming: false, stopReason: frame.stopReason, usage: frame.usage, citations: frame.citations };
      const lastAssistant = [...items].reverse().find((i) => i.kind === "assistant");
      const inTurn = lastAssistant && items.indexOf(lastAssistant) > lastUserIndex(items);
      // A turn that failed before any text or token was spent is told by its error alert alone.
      const failedEmpty =
        frame.stopReason === "error" &&
        items.slice(lastUserIndex(items) + 1).some((i) => i.kind === "error") &&
        !frame.usage?.inputTokens &&
        !frame.usage?.outputTokens;
      const next = inTurn
        ? update(items, lastAssistant.id, (i) => (i.kind === "assistant" ? { ...i, ...done, id: frame.messageId || i.id } : i))
        : failedEmpty
          ? items
          : [...items, { kind: "assistant" as const, id: frame.messageId || localId("a"), text: "", ...done }];
      // Nothing waits any more: a confirmation still open when the turn ended was not acted on.
      return { items: next.map((i) => (i.kind === "confirm" && i.decision === "pending" ? { ...i, decision: "expired" as const } : i)), streaming: false };
    }
    case "error":
      return {
        items: [...stopStreamingText(items), { kind: "error", id: localId("e"), code: frame.code, message: frame.message, errorKind: errorKind(frame.code) }],
        streaming: false,
        loadingHistory: false,
      };
  }
}

function lastUserIndex(items: ChatItem[]): number {
  for (let i = items.length - 1; i >= 0; i--) if (items[i].kind === "user") return i;
  return -1;
}

function stopStreamingText(items: ChatItem[]): ChatItem[] {
  const last = items[items.length - 1];
  return last?.kind === "assistant" && last.streaming ? [...items.slice(0, -1), { ...last, streaming: false }] : items;
}

const fresh = { conversationId: null, title: null, items: [], streaming: false, loadingHistory: false };

export const useAiChatStore = create<AiChatState>()((set) => ({
  ...fresh,
  connection: "connecting",
  retryAt: null,
  draft: "",
  dismissedContextKey: null,

  receive: (frame) => set((state) => reduce(state, frame)),
  sent: (text) => set((state) => ({ items: [...state.items, { kind: "user", id: localId("u"), text }], streaming: true, draft: "" })),
  decide: (confirmationId, approved) =>
    set((state) => ({
      items: update(state.items, confirmationId, (i) =>
        i.kind === "confirm" && i.decision === "pending" ? { ...i, decision: approved ? "approved" : "rejected" } : i,
      ),
    })),
  expire: (confirmationId) =>
    set((state) => ({
      items: update(state.items, confirmationId, (i) => (i.kind === "confirm" && i.decision === "pending" ? { ...i, decision: "expired" } : i)),
    })),
  newConversation: () => set({ ...fresh }),
  openConversation: (id, title) => set({ ...fresh, conversationId: id, title: title ?? null, loadingHistory: true }),
  forgetConversation: (id) => set((state) => (state.conversationId === id ? { ...fresh } : {})),
  setConnection: (connection, retryAt = null) => set({ connection, retryAt }),
  connectionLost: () =>
    set((state) => ({
      // A reply cut off by the connection: the server finishes and saves it; history brings it back.
      items: state.streaming
        ? [
            ...stopStreamingText(state.items),
            {
              kind: "error",
              id: localId("e"),
              code: "connection_lost",
              message: "The connection to the server was lost. Reconnecting; the reply is saved on the server and shows again when the connection is back.",
              errorKind: "connection_lost",
            },
          ]
        : state.items,
      streaming: false,
    })),
  setDraft: (draft) => set({ draft }),
  dismissContext: (key) => set({ dismissedContextKey: key }),
}));
