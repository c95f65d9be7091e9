import { useEffect, useId, useState } from "react";
import { ChangePreview } from "@/components/change-preview";
import { Button } from "@/components/ui/button";
import type { ChatItem } from "../stores/ai-chat";
import { toolLabel } from "../lib/tool-labels";

type Confirmation = Extract<ChatItem, { kind: "confirm" }>;

/** Whole seconds left until `expiresAt`, ticking once a second while above zero. */
export function useSecondsLeft(expiresAt: string, active: boolean): number {
  const deadline = Date.parse(expiresAt);
  const left = () => Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
  const [seconds, setSeconds] = useState(left);
  useEffect(() => {
    if (!active) return;
    setSeconds(left());
    const timer = setInterval(() => setSeconds(left()), 1000);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [deadline, active]);
  return seconds;
}

interface Props {
  item: Confirmation;
  onDecide: (confirmationId: string, approved: boolean) => void;
  onExpire: (confirmationId: string) => void;
}

/**
 * A write the assistant wants to make, waiting for the user: what changes (the server's dry run),
 * where, and how long until it is rejected by itself. Only these buttons approve; nothing the
 * model writes counts as approval.
 */
export function ConfirmAction({ item, onDecide, onExpire }: Props) {
  const headingId = useId();
  const pending = item.decision === "pending";
  const seconds = useSecondsLeft(item.expiresAt, pending);
  const namespace = typeof item.arguments.namespace === "string" ? item.arguments.namespace : item.preview.changes.find((c) => c.namespace)?.namespace;

  useEffect(() => {
    if (pending && seconds === 0) onExpire(item.id);
  }, [pending, seconds, item.id, onExpire]);

  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950/30">
      <h3 id={headingId} className="font-semibold">
        Approve this change? {toolLabel(item.tool, item.arguments)}
      </h3>
      <p className="mt-0.5 text-xs text-slate-700 dark:text-slate-300">
        Cluster <strong>{item.cluster}</strong>
        {namespace && (
          <>
            , namespace <strong>{namespace}</strong>
          </>
        )}
        . The server's dry run of what would change:
      </p>
      <div className="mt-2 max-h-80 overflow-y-auto">
        <ChangePreview result={item.preview} />
      </div>
      {pending ? (
        <div className="mt-3 flex flex-wrap items-center gap-2">
          <Button variant="primary" onClick={() => onDecide(item.id, true)}>
            Approve
          </Button>
          <Button onClick={() => onDecide(item.id, false)}>Reject</Button>
          <span role="timer" aria-label="Time left to decide" className="ml-auto text-xs text-slate-700 tabular-nums dark:text-slate-300">
            Rejected automatically in {seconds} s
          </span>
        </div>
      ) : (
        <Outcome item={item} />
      )}
    </section>
  );
}

function Outcome({ item }: { item: Confirmation }) {
  let text: string;
  let tone = "text-slate-700 dark:text-slate-300";
  if (item.decision === "rejected") text = "Rejected. Nothing was changed.";
  else if (item.decision === "expired") text = "Expired: not approved within the time limit, so it was rejected and nothing was changed.";
  else if (!item.outcome) text = "Approved. Applying…";
  else if (item.outcome.ok) {
    // The tools' own summary may already say it ("approved and done"): do not say it twice.
    const summary = item.outcome.summary.trim();
    text = summary === "" || /^approved and done\.?$/i.test(summary) ? "Approved and done." : `Approved and done: ${summary}`;
    tone = "text-emerald-800 dark:text-emerald-300";
  } else {
    text = `Approved, but it failed: ${item.outcome.summary}`;
    tone = "text-red-800 dark:text-red-300";
  }
  return (
    <p role="status" className={`mt-3 font-medium ${tone}`}>
      {text}
    </p>
  );
}
