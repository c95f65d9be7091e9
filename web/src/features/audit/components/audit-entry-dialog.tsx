import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { dateTime } from "@/lib/format";
import type { AuditEntry } from "@/types/api";

export const outcomeTone = { success: "green", failure: "red", denied: "amber" } as const;

/** One audit entry in full: the table row cuts its details short. */
export function AuditEntryDialog({ entry, onClose }: { entry: AuditEntry; onClose: () => void }) {
  const fields: [string, string][] = [
    ["Time", dateTime(entry.at)],
    ["Actor", entry.actor],
    ["Action", entry.action],
    ["Target", entry.target ?? "—"],
    ["Cluster", entry.cluster ?? "—"],
    ["Namespace", entry.namespace ?? "—"],
    ["Client IP", entry.clientIp ?? "—"],
  ];
  return (
    <Dialog title={`Audit entry ${entry.id}`} onClose={onClose} wide footer={<Button onClick={onClose}>Close</Button>}>
      <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1.5 text-sm">
        {fields.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-500 dark:text-slate-400">{label}</dt>
            <dd className="break-all">{value}</dd>
          </div>
        ))}
        <dt className="text-slate-500 dark:text-slate-400">Outcome</dt>
        <dd>
          <Badge tone={outcomeTone[entry.outcome]}>{entry.outcome}</Badge>
        </dd>
      </dl>
      <h3 className="mt-4 mb-1 text-sm font-medium">Details</h3>
      <pre aria-label="Details" className="max-h-80 overflow-auto rounded-md bg-slate-100 p-3 font-mono text-xs whitespace-pre-wrap dark:bg-slate-800">
        {entry.details ? JSON.stringify(entry.details, null, 2) : "—"}
      </pre>
    </Dialog>
  );
}
