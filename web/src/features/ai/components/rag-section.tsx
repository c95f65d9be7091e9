import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/page";
import { ErrorState, InlineError, LoadingState } from "@/components/ui/states";
import { age } from "@/lib/format";
import { useRagStatus, useReindex, type RagStatus } from "../api/config";

/** The documentation index the assistant retrieves from: what it holds, a running index's progress, Reindex. */
export function RagSection() {
  // After "Reindex" the server starts the run in the background; until its status shows that run
  // (a progress with another start than the one before), the section says it is starting.
  const [previousStart, setPreviousStart] = useState<string | null | undefined>(undefined);
  const status = useRagStatus(previousStart !== undefined);
  const reindex = useReindex();
  const p = status.data?.progress;
  const waiting = previousStart !== undefined && (p?.startedAt ?? null) === previousStart && p?.state !== "running";
  useEffect(() => {
    if (previousStart === undefined) return;
    if (!waiting && p?.state !== "running") setPreviousStart(undefined);
    // Never wait for ever: after 15 s the status shown is the server's, whatever it says.
    const timer = setTimeout(() => setPreviousStart(undefined), 15_000);
    return () => clearTimeout(timer);
  }, [previousStart, waiting, p?.state]);
  return (
    <Card
      title="Documentation index"
      actions={
        <Button
          size="sm"
          disabled={reindex.isPending || waiting || status.data?.running}
          onClick={() =>
            reindex.mutate(undefined, {
              onSuccess: (result) => {
                const progress = result.status.progress;
                // A run that finished a moment ago is this one (a small index is done in milliseconds).
                const justFinished = !!progress?.finishedAt && Math.abs(Date.now() - Date.parse(progress.finishedAt)) < 3000;
                if (result.started && progress?.state !== "running" && !justFinished) setPreviousStart(progress?.startedAt ?? null);
              },
            })
          }
        >
          {status.data?.running || waiting ? "Indexing…" : "Reindex"}
        </Button>
      }
    >
      {status.isLoading && <LoadingState label="Loading the index status" />}
      {status.isError && <ErrorState error={status.error} onRetry={() => void status.refetch()} />}
      <InlineError error={reindex.error} />
      {reindex.data && !reindex.data.started && (
        <p role="status" className="mb-2 text-sm text-slate-700 dark:text-slate-300">
          An index run is already in progress.
        </p>
      )}
      {waiting && (
        <div className="mb-3 space-y-1">
          <p className="text-xs text-slate-700 dark:text-slate-300">Starting the index run…</p>
          <progress aria-label="Indexing progress" className="h-2 w-full accent-teal-600" />
        </div>
      )}
      {status.data && <Status status={status.data} />}
    </Card>
  );
}

function Status({ status }: { status: RagStatus }) {
  const p = status.progress;
  const running = status.running || p?.state === "running";
  const documents = status.sources.reduce((n, s) => n + s.documents, 0);
  return (
    <div className="space-y-3 text-sm">
      <dl className="grid grid-cols-2 gap-x-6 gap-y-1 sm:grid-cols-4">
        <Stat label="Documents" value={documents.toLocaleString()} />
        <Stat label="Chunks" value={status.chunks.toLocaleString()} />
        <Stat label="Embedding model" value={status.model} />
        <Stat label="Last run" value={p?.finishedAt ? `${age(p.finishedAt)} ago` : running ? "running now" : "never"} />
      </dl>
      {p && running && (
        <div className="space-y-1">
          <div className="flex justify-between text-xs text-slate-700 dark:text-slate-300">
            <span>
              Indexing {p.currentSource ? `“${p.currentSource}”` : "…"} ({p.trigger})
            </span>
            <span>
              {p.sourcesDone} of {p.sourcesTotal} sources, {p.chunksEmbedded.toLocaleString()} chunks embedded
            </span>
          </div>
          <progress aria-label="Indexing progress" className="h-2 w-full accent-teal-600" max={Math.max(1, p.sourcesTotal)} value={p.sourcesDone} />
        </div>
      )}
      {p?.state === "failed" && !running && (
        <p className="text-red-800 dark:text-red-300">The last index run failed; sources that were read keep their chunks.</p>
      )}
      {status.sources.length > 0 && (
        <table aria-label="Index sources" className="w-full text-left text-xs">
          <thead className="text-slate-600 dark:text-slate-400">
            <tr>
              <th className="py-1 font-medium">Source</th>
              <th className="py-1 text-right font-medium">Documents</th>
              <th className="py-1 text-right font-medium">Chunks</th>
              <th className="py-1 pl-3 font-medium">Last run</th>
              <th className="py-1 pl-3 font-medium">Problems</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {status.sources.map((s) => (
              <tr key={s.source}>
                <td className="py-1 font-mono">{s.source}</td>
                <td className="py-1 text-right tabular-nums">{s.documents.toLocaleString()}</td>
                <td className="py-1 text-right tabular-nums">{s.chunks.toLocaleString()}</td>
                <td className="py-1 pl-3">{s.lastRunAt ? `${age(s.lastRunAt)} ago` : "—"}</td>
                <td className="py-1 pl-3">{s.error ? <span className="text-red-800 dark:text-red-300">{s.error}</span> : (s.note ?? "")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-xs text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="truncate font-medium" title={value}>
        {value}
      </dd>
    </div>
  );
}
