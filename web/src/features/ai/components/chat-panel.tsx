import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { useMe } from "@/lib/api/session";
import { contextKey, isEmptyContext, usePageContextStore, type PageContext } from "@/stores/page-context";
import { useLayoutStore } from "@/stores/layout";
import { conversationKeys } from "../api/conversations";
import { useAiChat, useEffectiveContext } from "../hooks/use-ai-chat";
import { conversationUsage, useAiChatStore, type ChatItem } from "../stores/ai-chat";
import { ChatMessage, tokens } from "./chat-message";
import { ConfirmAction } from "./confirm-action";
import { ConversationList } from "./conversation-list";

/** Questions that have real answers in the demo cluster (see cluster/demo/DemoScenario.java). */
export const EXAMPLE_QUESTIONS = [
  "Why is checkout-api crash-looping in the shop namespace?",
  "Which pods in payments are not running, and why?",
  "Why is the ledger pod in payments stuck in Pending?",
];

/**
 * The assistant: conversation on the left (toggle), messages, the input bar. Mounted once in the app
 * shell's drawer and kept while the user navigates, so a reply goes on streaming behind a page change.
 */
export default function ChatPanel({ onClose }: { onClose: () => void }) {
  const chat = useAiChat();
  const items = useAiChatStore((s) => s.items);
  const streaming = useAiChatStore((s) => s.streaming);
  const title = useAiChatStore((s) => s.title);
  const conversationId = useAiChatStore((s) => s.conversationId);
  const loadingHistory = useAiChatStore((s) => s.loadingHistory);
  const admin = useMe().data?.admin ?? false;
  const context = useEffectiveContext();
  const [showList, setShowList] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const client = useQueryClient();

  // A new conversation's first reply, or any finished reply, changes the sidebar's order and titles.
  useEffect(() => {
    if (!streaming) void client.invalidateQueries({ queryKey: conversationKeys.all });
  }, [streaming, conversationId, client]);

  // "Ask AI about this …": the question lands in the box, the page's context comes back if removed.
  const drawerOpen = useLayoutStore((s) => s.drawerOpen);
  const pendingQuestion = useLayoutStore((s) => s.pendingQuestion);
  useEffect(() => {
    if (!drawerOpen) return;
    const question = useLayoutStore.getState().takePendingQuestion();
    if (question !== null) {
      useAiChatStore.getState().setDraft(question);
      useAiChatStore.getState().dismissContext(null);
    }
    input.current?.focus();
  }, [drawerOpen, pendingQuestion]);

  const send = useCallback((text: string) => text.trim() !== "" && chat.send(text.trim()), [chat]);
  const expire = useCallback((id: string) => useAiChatStore.getState().expire(id), []);

  return (
    <div className="relative flex h-full min-h-0 flex-col">
      <header className="flex items-center gap-1 border-b border-slate-200 px-2 py-1.5 dark:border-slate-800">
        <Button
          variant="ghost"
          size="sm"
          id="assistant-conversations-toggle"
          aria-expanded={showList}
          aria-controls="assistant-conversations"
          onClick={() => setShowList((v) => !v)}
          title="Conversations"
        >
          <span aria-hidden>☰</span>
          <span className="sr-only">Conversations</span>
        </Button>
        <h2 className="min-w-0 flex-1 truncate text-sm font-semibold">{title ?? "Assistant"}</h2>
        <Button
          variant="ghost"
          size="sm"
          onClick={() => {
            chat.newConversation();
            setShowList(false);
            input.current?.focus();
          }}
        >
          New chat
        </Button>
        <Button variant="ghost" size="sm" aria-label="Close assistant" title="Close (Esc)" onClick={onClose}>
          ✕
        </Button>
      </header>
      <ConnectionBanner />
      {showList && (
        <div
          onKeyDown={(e) => {
            // Esc closes the list first (the drawer stays open), and the focus goes back to its toggle.
            if (e.key === "Escape" && !e.defaultPrevented) {
              e.preventDefault();
              setShowList(false);
              document.getElementById("assistant-conversations-toggle")?.focus();
            }
          }}
          id="assistant-conversations"
          className="absolute inset-y-0 top-10 left-0 z-10 w-64 border-r border-slate-200 bg-white shadow-lg dark:border-slate-800 dark:bg-slate-900"
        >
          <ConversationList
            activeId={conversationId}
            onOpen={(c) => {
              chat.openConversation(c.id, c.title);
              setShowList(false);
            }}
            onNew={() => {
              chat.newConversation();
              setShowList(false);
            }}
            onDeleted={(id) => useAiChatStore.getState().forgetConversation(id)}
          />
        </div>
      )}
      <MessageList items={items} loading={loadingHistory} admin={admin} context={context} onDecide={chat.decide} onExpire={expire} onAsk={send} />
      <InputBar inputRef={input} streaming={streaming} onSend={send} onStop={chat.cancel} />
    </div>
  );
}

function ConnectionBanner() {
  const connection = useAiChatStore((s) => s.connection);
  const retryAt = useAiChatStore((s) => s.retryAt);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (connection !== "reconnecting") return;
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, [connection]);
  if (connection === "open") return null;
  const seconds = retryAt ? Math.max(0, Math.ceil((retryAt - now) / 1000)) : 0;
  return (
    <p
      role="status"
      className="border-b border-amber-200 bg-amber-50 px-3 py-1.5 text-xs text-amber-900 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-200"
    >
      {connection === "connecting"
        ? "Connecting to the assistant…"
        : seconds > 0
          ? `Connection lost. Reconnecting in ${seconds} s…`
          : "Connection lost. Reconnecting…"}
    </p>
  );
}

interface ListProps {
  items: ChatItem[];
  loading: boolean;
  admin: boolean;
  context: PageContext | null;
  onDecide: (id: string, approved: boolean) => void;
  onExpire: (id: string) => void;
  onAsk: (text: string) => void;
}

function MessageList({ items, loading, admin, context, onDecide, onExpire, onAsk }: ListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  // Follow the stream unless the user scrolled up to read; back at the bottom, follow again.
  useLayoutEffect(() => {
    const el = scroller.current;
    // A message the user just sent brings the list back to the bottom.
    if (items[items.length - 1]?.kind === "user") following.current = true;
    if (el && following.current) el.scrollTop = el.scrollHeight;
  }, [items]);
  const usage = conversationUsage(items);
  const last = items[items.length - 1];
  const announcement =
    last?.kind === "assistant" && !last.streaming
      ? last.text.slice(0, 400)
      : last?.kind === "confirm" && last.decision === "pending"
        ? "The assistant asks for your approval of a change."
        : "";

  return (
    <div
      ref={scroller}
      onScroll={(e) => {
        const el = e.currentTarget;
        following.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
      }}
      className="min-h-0 flex-1 overflow-y-auto px-3 py-3"
    >
      {loading && <p className="text-sm text-slate-600 dark:text-slate-400">Loading the conversation…</p>}
      {!loading && items.length === 0 && <EmptyChat onAsk={onAsk} />}
      <div role="log" aria-label="Messages" aria-live="off" className="space-y-3">
        {items.map((item) =>
          item.kind === "confirm" ? (
            <ConfirmAction key={item.id} item={item} onDecide={onDecide} onExpire={onExpire} />
          ) : (
            <ChatMessage key={item.id} item={item} admin={admin} cluster={context?.cluster} namespace={context?.namespace} />
          ),
        )}
      </div>
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
      {usage.inputTokens + usage.outputTokens > 0 && (
        <p className="mt-3 text-right text-[11px] text-slate-600 dark:text-slate-400" aria-label="Tokens used by this conversation">
          This chat: {tokens(usage.inputTokens)} in · {tokens(usage.outputTokens)} out tokens
        </p>
      )}
    </div>
  );
}

function EmptyChat({ onAsk }: { onAsk: (text: string) => void }) {
  return (
    <div className="mb-4 space-y-3 pt-4 text-center">
      <p className="font-medium">Ask about your clusters</p>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        The assistant reads resources, events, logs and metrics with your permissions. It changes nothing without your approval.
      </p>
      <ul className="space-y-2 text-left" aria-label="Example questions">
        {EXAMPLE_QUESTIONS.map((q) => (
          <li key={q}>
            <button
              type="button"
              onClick={() => onAsk(q)}
              className="w-full rounded-lg border border-slate-200 px-3 py-2 text-left text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
            >
              {q}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ContextChip() {
  const page = usePageContextStore((s) => s.context);
  const effective = useEffectiveContext();
  if (isEmptyContext(page)) return null;
  if (!effective) {
    return (
      <button type="button" className="text-xs text-teal-700 underline dark:text-teal-300" onClick={() => useAiChatStore.getState().dismissContext(null)}>
        Use this page as context
      </button>
    );
  }
  const parts = [effective.cluster, effective.namespace, effective.kind && effective.name ? `${effective.kind} ${effective.name}` : effective.kind].filter(
    Boolean,
  );
  return (
    <span className="inline-flex max-w-full items-center gap-1 rounded-full border border-teal-300 bg-teal-50 py-0.5 pr-1 pl-2 text-xs text-teal-900 dark:border-teal-800 dark:bg-teal-950/50 dark:text-teal-200">
      <span className="sr-only">Context:</span>
      <span className="truncate" title={parts.join(" › ")}>
        {parts.join(" › ")}
      </span>
      <button
        type="button"
        aria-label="Remove context"
        className="rounded-full px-1 hover:bg-teal-200 dark:hover:bg-teal-900"
        onClick={() => useAiChatStore.getState().dismissContext(contextKey(effective))}
      >
        ✕
      </button>
    </span>
  );
}

function InputBar({
  inputRef,
  streaming,
  onSend,
  onStop,
}: {
  inputRef: React.RefObject<HTMLTextAreaElement | null>;
  streaming: boolean;
  onSend: (text: string) => boolean;
  onStop: () => void;
}) {
  const draft = useAiChatStore((s) => s.draft);
  const open = useAiChatStore((s) => s.connection) === "open";
  const submit = () => {
    if (!streaming && open) onSend(draft);
  };
  return (
    <form
      className="space-y-1.5 border-t border-slate-200 p-2 dark:border-slate-800"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <ContextChip />
      <div className="flex items-end gap-2">
        <textarea
          ref={inputRef}
          aria-label="Message"
          rows={2}
          value={draft}
          placeholder={open ? "Ask anything (Shift+Enter: new line)" : "Waiting for the connection…"}
          onChange={(e) => useAiChatStore.getState().setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              submit();
            }
          }}
          className="max-h-40 min-h-10 flex-1 resize-y rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm focus:border-teal-600 focus:ring-2 focus:ring-teal-600/30 focus:outline-none dark:border-slate-700 dark:bg-slate-900"
        />
        {/* Keys: Stop and Send are different buttons, not one whose colours fade into the other's. */}
        {streaming ? (
          <Button key="stop" variant="danger" onClick={onStop}>
            Stop
          </Button>
        ) : (
          <Button key="send" variant="primary" type="submit" disabled={!open || draft.trim() === ""}>
            Send
          </Button>
        )}
      </div>
    </form>
  );
}
