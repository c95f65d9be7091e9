import { memo, type ReactNode } from "react";
import { Link } from "react-router";
import { paths } from "@/lib/paths";
import { cn } from "@/lib/cn";
import type { ChatItem } from "../stores/ai-chat";
import { doneLabel, toolLabel } from "../lib/tool-labels";
import { ChatMarkdown } from "./markdown";

type Item<K extends ChatItem["kind"]> = Extract<ChatItem, { kind: K }>;

export const tokens = (n: number) => (n >= 10_000 ? `${Math.round(n / 1000)}k` : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n));

interface Props {
  item: Exclude<ChatItem, { kind: "confirm" }>;
  /** The page's cluster and namespace, where a manifest's "Apply" goes. */
  cluster?: string;
  namespace?: string;
  admin: boolean;
}

/** One entry of the conversation: the user's message, a reply, a tool call or an error. */
export const ChatMessage = memo(function ChatMessage({ item, cluster, namespace, admin }: Props) {
  switch (item.kind) {
    case "user":
      return (
        <div className="flex justify-end">
          <div
            aria-label="You said"
            role="article"
            className="max-w-[85%] rounded-2xl rounded-br-sm bg-teal-700 px-3 py-2 text-sm whitespace-pre-wrap text-white dark:bg-teal-800"
          >
            {item.text}
          </div>
        </div>
      );
    case "assistant":
      return <AssistantMessage item={item} cluster={cluster} namespace={namespace} />;
    case "tool":
      return <ToolRow item={item} />;
    case "error":
      return <ChatError item={item} admin={admin} />;
  }
});

function AssistantMessage({ item, cluster, namespace }: { item: Item<"assistant">; cluster?: string; namespace?: string }) {
  const stopped = item.stopReason === "cancelled";
  return (
    <div role="article" aria-label="Assistant said" aria-busy={item.streaming} className="text-slate-800 dark:text-slate-100">
      {item.text ? (
        <ChatMarkdown text={item.text} streaming={item.streaming} cluster={cluster} namespace={namespace} />
      ) : (
        !item.streaming &&
        !stopped && (
          <p className="text-sm text-slate-500 italic">
            {item.stopReason === "error" ? "This reply failed before any text was written." : "No text in this reply."}
          </p>
        )
      )}
      {item.streaming && <span aria-hidden className="chat-cursor ml-0.5 inline-block h-4 w-2 translate-y-0.5 bg-teal-600" />}
      {stopped && <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">Stopped. The reply above is what was written before you stopped it.</p>}
      {item.stopReason === "max_steps" && (
        <p className="mt-1 text-xs text-amber-800 dark:text-amber-300">The assistant reached its step limit for one reply. Ask it to go on if you need more.</p>
      )}
      {item.citations && item.citations.length > 0 && (
        <details className="mt-2 text-xs">
          <summary className="cursor-pointer text-slate-600 dark:text-slate-300">Sources ({item.citations.length})</summary>
          <ol className="mt-1 ml-4 list-decimal space-y-0.5" aria-label="Sources">
            {item.citations.map((c, i) => (
              <li key={i}>
                {c.url ? (
                  <a href={c.url} target="_blank" rel="noreferrer noopener" className="text-teal-700 underline dark:text-teal-300">
                    {c.title}
                  </a>
                ) : (
                  <span className="font-medium">{c.title}</span>
                )}
                <span className="text-slate-500 dark:text-slate-400">
                  {" "}
                  — {c.source}
                  {c.path ? `: ${c.path}` : ""}
                </span>
              </li>
            ))}
          </ol>
        </details>
      )}
      {item.usage && !item.streaming && (
        <p className="mt-1 text-[11px] text-slate-600 dark:text-slate-400" aria-label="Tokens used by this reply">
          {tokens(item.usage.inputTokens)} in · {tokens(item.usage.outputTokens)} out
        </p>
      )}
    </div>
  );
}

function ToolRow({ item }: { item: Item<"tool"> }) {
  const running = !item.result;
  const label = item.result?.ok ? doneLabel(item.name, item.arguments) : toolLabel(item.name, item.arguments);
  return (
    <details className="group rounded-md border border-slate-200 bg-slate-50 text-xs dark:border-slate-700 dark:bg-slate-900/60">
      <summary
        className="flex cursor-pointer list-none items-center gap-2 px-2 py-1.5"
        aria-label={`Tool ${item.name}: ${label}${item.result ? ` — ${item.result.summary}` : ", running"}`}
      >
        {running ? (
          <span aria-hidden className="h-3 w-3 shrink-0 animate-spin rounded-full border-2 border-slate-300 border-t-teal-600" />
        ) : (
          <span aria-hidden className={cn("shrink-0 font-bold", item.result?.ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400")}>
            {item.result?.ok ? "✓" : "✗"}
          </span>
        )}
        <span className="truncate">
          <span className="font-medium">{label}</span>
          {item.result ? <span className="text-slate-600 dark:text-slate-300"> — {item.result.summary}</span> : <span className="text-slate-500">…</span>}
        </span>
        <span aria-hidden className="ml-auto text-slate-400 group-open:rotate-90">
          ›
        </span>
      </summary>
      <div className="space-y-1 border-t border-slate-200 px-2 py-1.5 dark:border-slate-700">
        <p className="font-mono text-[11px] text-slate-500 dark:text-slate-400">{item.name}</p>
        <pre className="overflow-x-auto rounded bg-white p-2 font-mono text-[11px] dark:bg-slate-950">{JSON.stringify(item.arguments, null, 2)}</pre>
        {item.result && <p className={item.result.ok ? "" : "text-red-800 dark:text-red-300"}>{item.result.summary}</p>}
      </div>
    </details>
  );
}

function ChatError({ item, admin }: { item: Item<"error">; admin: boolean }) {
  const settings = (
    <Link to={paths.aiSettings} className="font-medium underline">
      Settings → AI Assistant
    </Link>
  );
  let hint: ReactNode = null;
  switch (item.errorKind) {
    case "no_provider":
      hint = admin ? <>Choose a provider and enter its key in {settings}.</> : <>Ask your administrator to set up an AI provider.</>;
      break;
    case "key_refused":
      hint = admin ? <>Check or replace the API key in {settings}, then use Test connection.</> : <>Ask your administrator to check the assistant's API key.</>;
      break;
    case "rate_limited":
      hint = <>Wait a minute, then send your message again.</>;
      break;
    case "budget":
      hint = admin ? <>You can raise the token budget in {settings}.</> : <>Ask your administrator if you need a larger token budget.</>;
      break;
    case "connection_lost":
      hint = <>Check your network; the panel reconnects by itself.</>;
      break;
  }
  const title: Record<Item<"error">["errorKind"], string> = {
    no_provider: "No AI provider is configured",
    key_refused: "The provider refused the API key",
    rate_limited: "The provider is rate limiting",
    budget: "Token budget reached",
    connection_lost: "Connection lost",
    other: "Something went wrong",
  };
  return (
    <div
      role="alert"
      className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-900/60 dark:bg-red-950/40 dark:text-red-200"
    >
      <p className="font-medium">{title[item.errorKind]}</p>
      <p>{item.message}</p>
      {hint && <p className="mt-1">{hint}</p>}
    </div>
  );
}
