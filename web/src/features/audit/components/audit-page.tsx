import { useMemo, useState, type FormEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, type Column } from "@/components/ui/data-table";
import { Field, TextInput } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { useAudit } from "@/features/audit/api/audit";
import { useAuditFilters } from "@/features/audit/stores/filters";
import { dateTime } from "@/lib/format";
import type { AuditEntry } from "@/types/api";
import { AuditEntryDialog, outcomeTone } from "./audit-entry-dialog";

function detailsText(e: AuditEntry) {
  return Object.entries(e.details ?? {})
    .map(([k, v]) => `${k}=${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
    .join(" ");
}

function auditColumns(open: (e: AuditEntry) => void): Column<AuditEntry>[] {
  return [
    { id: "at", header: "Time", width: "12.5rem", cell: (e) => dateTime(e.at) },
    { id: "actor", header: "Actor", width: "7rem", cell: (e) => e.actor },
    { id: "action", header: "Action", width: "9.5rem", cell: (e) => <span className="font-mono text-xs">{e.action}</span> },
    { id: "target", header: "Target", cell: (e) => e.target ?? "—" },
    { id: "where", header: "Where", width: "8rem", cell: (e) => (e.cluster ? `${e.cluster}${e.namespace ? ` / ${e.namespace}` : ""}` : "—") },
    { id: "outcome", header: "Outcome", width: "6.5rem", cell: (e) => <Badge tone={outcomeTone[e.outcome]}>{e.outcome}</Badge> },
    {
      id: "details",
      header: "Details",
      cell: (e) => (
        <button
          type="button"
          onClick={() => open(e)}
          aria-label={`Details of ${e.action} by ${e.actor} at ${dateTime(e.at)}`}
          className="block w-full truncate text-left font-mono text-xs text-teal-800 hover:underline focus-visible:ring-2 focus-visible:ring-teal-600 focus-visible:outline-none dark:text-teal-300"
        >
          {detailsText(e) || "show"}
        </button>
      ),
    },
  ];
}

export default function AuditPage() {
  const { draft, applied, setDraft, apply, clear } = useAuditFilters();
  const audit = useAudit(applied);
  const [shown, setShown] = useState<AuditEntry | null>(null);
  const columns = useMemo(() => auditColumns(setShown), []);
  const entries = audit.data?.pages.flatMap((p) => p.items) ?? [];

  function submit(e: FormEvent) {
    e.preventDefault();
    apply();
  }

  return (
    <div>
      <PageHeader title="Audit log" subtitle="Every login, change and refusal, newest first." />
      <form onSubmit={submit} aria-label="Audit filters" className="mb-4 flex flex-wrap items-end gap-3 [&>div]:w-40">
        <Field label="Actor">
          {(id) => <TextInput id={id} placeholder="username" value={draft.actor} onChange={(e) => setDraft("actor", e.target.value)} />}
        </Field>
        <Field label="Action">
          {(id) => <TextInput id={id} placeholder="e.g. resource.scale or auth" value={draft.action} onChange={(e) => setDraft("action", e.target.value)} />}
        </Field>
        <Field label="Cluster">{(id) => <TextInput id={id} value={draft.cluster} onChange={(e) => setDraft("cluster", e.target.value)} />}</Field>
        <Field label="From">{(id) => <TextInput id={id} type="datetime-local" value={draft.from} onChange={(e) => setDraft("from", e.target.value)} />}</Field>
        <Field label="To">{(id) => <TextInput id={id} type="datetime-local" value={draft.to} onChange={(e) => setDraft("to", e.target.value)} />}</Field>
        <div className="flex gap-2 !w-auto">
          <Button type="submit" variant="primary">
            Filter
          </Button>
          <Button onClick={clear}>Clear</Button>
        </div>
      </form>
      {audit.isLoading && <LoadingState label="Loading the audit log" />}
      {audit.isError && <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />}
      {audit.data && (
        <>
          <DataTable
            label="Audit entries"
            rows={entries}
            columns={columns}
            rowKey={(e) => String(e.id)}
            height="calc(100vh - 19rem)"
            minWidth="60rem"
            empty={<EmptyState title="No entries match">Change or clear the filters.</EmptyState>}
          />
          {audit.hasNextPage && (
            <div className="mt-3">
              <Button onClick={() => void audit.fetchNextPage()} disabled={audit.isFetchingNextPage}>
                {audit.isFetchingNextPage ? "Loading…" : "Load older entries"}
              </Button>
            </div>
          )}
        </>
      )}
      {shown && <AuditEntryDialog entry={shown} onClose={() => setShown(null)} />}
    </div>
  );
}
