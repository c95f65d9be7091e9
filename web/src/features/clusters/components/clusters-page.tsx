import { useState } from "react";
import { Link } from "react-router";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { PageHeader } from "@/components/ui/page";
import { EmptyState, ErrorState, InlineError, LoadingState } from "@/components/ui/states";
import { useMe } from "@/lib/api/session";
import { useClusters, useHealthCheck, useRemoveCluster } from "@/features/clusters/api/clusters";
import { age } from "@/lib/format";
import { paths } from "@/lib/paths";
import type { ClusterInfo } from "@/types/api";
import { AddClusterDialog } from "./add-cluster-dialog";
import { ClusterStatus } from "./cluster-status";
import { EditClusterDialog, canEditCluster } from "./edit-cluster-dialog";

export default function ClustersPage() {
  const clusters = useClusters();
  const me = useMe();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<ClusterInfo | null>(null);
  const [removing, setRemoving] = useState<ClusterInfo | null>(null);
  const admin = me.data?.admin ?? false;

  return (
    <div>
      <PageHeader
        title="Clusters"
        subtitle="Every Kubernetes cluster Pilothouse manages."
        actions={
          admin && (
            <Button variant="primary" onClick={() => setAdding(true)}>
              Add cluster
            </Button>
          )
        }
      />
      {clusters.isLoading && <LoadingState label="Loading clusters" />}
      {clusters.isError && <ErrorState error={clusters.error} onRetry={() => void clusters.refetch()} />}
      {clusters.data && clusters.data.length === 0 && (
        <EmptyState title="No clusters yet">{admin ? "Add one from a kubeconfig." : "Ask an administrator to add one."}</EmptyState>
      )}
      {clusters.data && clusters.data.length > 0 && (
        <ul className="grid grid-cols-[repeat(auto-fill,minmax(min(18rem,100%),1fr))] gap-3" aria-label="Clusters">
          {clusters.data.map((c) => (
            <ClusterCard key={c.name} cluster={c} admin={admin} onEdit={() => setEditing(c)} onRemove={() => setRemoving(c)} />
          ))}
        </ul>
      )}
      {adding && <AddClusterDialog onClose={() => setAdding(false)} />}
      {editing && <EditClusterDialog cluster={editing} onClose={() => setEditing(null)} />}
      {removing && <RemoveDialog cluster={removing} onClose={() => setRemoving(null)} />}
    </div>
  );
}

function ClusterCard({ cluster, admin, onEdit, onRemove }: { cluster: ClusterInfo; admin: boolean; onEdit: () => void; onRemove: () => void }) {
  const check = useHealthCheck();
  return (
    <li className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <Link to={paths.cluster(cluster.name)} className="text-base font-semibold text-teal-800 hover:underline dark:text-teal-300">
            {cluster.name}
          </Link>
          {cluster.displayName && cluster.displayName !== cluster.name && (
            <p className="truncate text-sm text-slate-500 dark:text-slate-400">{cluster.displayName}</p>
          )}
        </div>
        <ClusterStatus health={cluster.health} />
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-slate-500 dark:text-slate-400">Version</dt>
        <dd>{cluster.health.serverVersion ?? "—"}</dd>
        <dt className="text-slate-500 dark:text-slate-400">Source</dt>
        <dd className="flex flex-wrap items-center gap-1.5">
          {cluster.source}
          {cluster.label && <Badge tone="violet">{cluster.label}</Badge>}
          {cluster.impersonate && <Badge tone="blue">impersonates users</Badge>}
        </dd>
        {cluster.server && (
          <>
            <dt className="text-slate-500 dark:text-slate-400">Server</dt>
            <dd className="flex min-w-0 items-center gap-1.5">
              <span className="truncate font-mono text-xs leading-5">{cluster.server}</span>
              {(cluster.warnings ?? []).length > 0 && <Badge tone="amber">not encrypted</Badge>}
            </dd>
          </>
        )}
        <dt className="text-slate-500 dark:text-slate-400">Checked</dt>
        <dd>{cluster.health.checkedAt ? `${age(cluster.health.checkedAt)} ago` : "—"}</dd>
      </dl>
      {cluster.health.error && <p className="text-sm text-red-700 dark:text-red-400">{cluster.health.error}</p>}
      {(cluster.warnings ?? []).length > 0 && (
        <div role="note" aria-label={`Warnings for ${cluster.name}`} className="text-sm text-amber-900 dark:text-amber-300">
          {(cluster.warnings ?? []).map((w) => (
            <p key={w}>{w}</p>
          ))}
        </div>
      )}
      <div className="mt-auto flex gap-2 pt-1">
        <Button size="sm" onClick={() => check.mutate(cluster.name)} disabled={check.isPending} aria-label={`Check ${cluster.name} now`}>
          {check.isPending ? "Checking…" : "Check now"}
        </Button>
        {admin && canEditCluster(cluster) && (
          <Button size="sm" variant="ghost" onClick={onEdit} aria-label={`Edit ${cluster.name}`}>
            Edit
          </Button>
        )}
        {admin && (
          <Button size="sm" variant="ghost" onClick={onRemove} aria-label={`Remove ${cluster.name}`}>
            Remove
          </Button>
        )}
      </div>
    </li>
  );
}

function RemoveDialog({ cluster, onClose }: { cluster: ClusterInfo; onClose: () => void }) {
  const remove = useRemoveCluster();
  return (
    <ConfirmDialog
      title={`Remove cluster ${cluster.name}?`}
      confirmLabel="Remove cluster"
      danger
      pending={remove.isPending}
      onClose={onClose}
      onConfirm={() => remove.mutate(cluster.name, { onSuccess: onClose })}
    >
      <p className="text-sm">Pilothouse forgets this cluster and its stored credentials. Nothing in the cluster itself changes.</p>
      <InlineError error={remove.error} />
    </ConfirmDialog>
  );
}
