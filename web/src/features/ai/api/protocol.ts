/**
 * The assistant's wire shapes in one place: the chat WebSocket frames (DESIGN.md, "Chat WebSocket")
 * and the conversation REST. Field names are the contract; if the server's differ, change them here.
 */
import type { ChangeResult } from "@/types/api";

/** What the user has on screen; every field optional. */
export interface ChatContext {
  cluster?: string;
  namespace?: string;
  kind?: string;
  name?: string;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface Citation {
  source: string;
  title: string;
  path?: string | null;
  url?: string | null;
}

export type StopReason = "end_turn" | "max_steps" | "cancelled" | "error";

// ---------------------------------------------------------------- client → server

export type ClientFrame =
  | { type: "user_message"; text: string; conversationId?: string; context?: ChatContext }
  | { type: "confirm_action"; confirmationId: string; approved: boolean }
  | { type: "new_conversation" }
  | { type: "load_history"; conversationId: string }
  | { type: "context_update"; context: ChatContext }
  | { type: "cancel"; conversationId: string };

// ---------------------------------------------------------------- server → client

/** A call an assistant message asked for, as saved: `arguments` is the model's JSON text. */
export interface HistoryToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** A saved message, as `history` frames and `GET /api/ai/conversations/{id}` carry it (docs/protocol.md). */
export interface HistoryMessage {
  id: number | string;
  role: "user" | "assistant" | "tool";
  content: string;
  status?: "complete" | "cancelled" | "error";
  toolCalls?: HistoryToolCall[] | null;
  /** Tool messages: the call answered, its tool, whether it succeeded and the line shown to people. */
  toolCallId?: string | null;
  toolName?: string | null;
  ok?: boolean | null;
  summary?: string | null;
  model?: string | null;
  usage?: TokenUsage | null;
  citations?: Citation[] | null;
  createdAt: string;
}

/** A saved call's arguments as an object (the model's JSON text; anything else shows as it came). */
export function parseArguments(text: string | null | undefined): Record<string, unknown> {
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
  } catch {
    return { arguments: text };
  }
}

export type ServerFrame =
  | { type: "conversation"; conversationId: string; title: string }
  | { type: "token"; conversationId: string; text: string }
  | { type: "tool_call"; conversationId: string; callId: string; name: string; arguments: Record<string, unknown> }
  | { type: "tool_result"; conversationId: string; callId: string; name: string; ok: boolean; summary: string }
  | {
      type: "confirm_action";
      conversationId: string;
      confirmationId: string;
      callId: string;
      tool: string;
      arguments: Record<string, unknown>;
      cluster: string;
      preview: ChangeResult;
      expiresAt: string;
    }
  | {
      type: "message_done";
      conversationId: string;
      messageId: string;
      stopReason: StopReason;
      usage?: TokenUsage;
      citations?: Citation[];
    }
  | { type: "history"; conversationId: string; messages: HistoryMessage[] }
  | { type: "error"; conversationId?: string; code: string; message: string };

const SERVER_TYPES = new Set(["conversation", "token", "tool_call", "tool_result", "confirm_action", "message_done", "history", "error"]);

/** A frame from the socket, or null when it is not one we know (ignored rather than trusted). */
export function parseServerFrame(data: unknown): ServerFrame | null {
  if (typeof data !== "string") return null;
  try {
    const frame = JSON.parse(data) as { type?: unknown };
    return frame && typeof frame.type === "string" && SERVER_TYPES.has(frame.type) ? (frame as ServerFrame) : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- conversation REST

export interface ConversationSummary {
  id: string;
  title: string;
  updatedAt: string;
}

export interface ConversationPage {
  conversations: ConversationSummary[];
  nextCursor: string | null;
}

export interface ConversationDetail extends ConversationSummary {
  messages: HistoryMessage[];
}

// ---------------------------------------------------------------- errors

/** The kinds of trouble the panel explains differently; `connection_lost` is the browser's own. */
export type ChatErrorKind = "no_provider" | "key_refused" | "rate_limited" | "budget" | "connection_lost" | "other";

/**
 * Maps an `error` frame's code to what the panel says. Codes are matched loosely (the provider's own
 * names, e.g. `authentication`, and the server's, e.g. `provider_authentication`, both count).
 */
export function errorKind(code: string): ChatErrorKind {
  if (/not_configured|no_provider|provider_missing/.test(code)) return "no_provider";
  if (/authentication|api_key|key_refused|unauthorized/.test(code)) return "key_refused";
  if (/rate_limit/.test(code)) return "rate_limited";
  if (/budget|quota/.test(code)) return "budget";
  if (code === "connection_lost") return "connection_lost";
  return "other";
}

/** The chat WebSocket's address on this server (same origin: the session cookie goes with it). */
export function chatSocketUrl(location: Pick<Location, "protocol" | "host"> = window.location): string {
  return `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/api/ai/chat`;
}
