import { Link } from "react-router";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/page";
import { podStatus, statusTone } from "@/lib/pod-status";
import { age, dateTime } from "@/lib/format";
import { paths } from "@/lib/paths";
import type { Description } from "@/types/api";
import { Conditions, WorkloadStatus } from "./workload-status";

interface ContainerInfo {
  name: string;
  image?: string;
}

interface ContainerStatus {
  name: string;
  ready?: boolean;
  restartCount?: number;
  state?: Record<string, { reason?: string; message?: string } | undefined>;
  lastState?: Record<string, { reason?: string; exitCode?: number } | undefined>;
}

const POD = { group: "", plural: "pods" };

function Labels({ values }: { values?: Record<string, string> }) {
  const entries = Object.entries(values ?? {});
  if (!entries.length) return <span className="text-slate-400">none</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {entries.map(([k, v]) => (
        <Badge key={k} tone="slate" className="font-mono">
          {k}={v}
        </Badge>
      ))}
    </span>
  );
}

export function Summary({ cluster, description }: { cluster: string; description: Description }) {
  const { object, pods, notes } = description;
  const meta = object.metadata;
  const containers = (object.spec?.containers as ContainerInfo[] | undefined) ?? [];
  const statuses = (object.status?.containerStatuses as ContainerStatus[] | undefined) ?? [];
  const isPod = object.kind === "Pod";
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card title="Metadata">
        <dl className="grid grid-cols-[8rem_1fr] gap-y-2 text-sm">
          <dt className="text-slate-500">Name</dt>
          <dd className="font-mono break-all">{meta.name}</dd>
          {meta.namespace && (
            <>
              <dt className="text-slate-500">Namespace</dt>
              <dd>{meta.namespace}</dd>
            </>
          )}
          <dt className="text-slate-500">Created</dt>
          <dd>
            {dateTime(meta.creationTimestamp)} ({age(meta.creationTimestamp)} ago)
          </dd>
          {isPod && (
            <>
              <dt className="text-slate-500">Status</dt>
              <dd>
                <Badge tone={statusTone(podStatus(object))}>{podStatus(object)}</Badge>
              </dd>
            </>
          )}
          <dt className="text-slate-500">Labels</dt>
          <dd>
            <Labels values={meta.labels} />
          </dd>
          {meta.ownerReferences?.length ? (
            <>
              <dt className="text-slate-500">Owned by</dt>
              <dd>{meta.ownerReferences.map((o) => `${o.kind}/${o.name}`).join(", ")}</dd>
            </>
          ) : null}
        </dl>
      </Card>
      <WorkloadStatus object={object} />
      {notes.length > 0 && (
        <Card title="Notes">
          <ul className="list-disc space-y-1 pl-5 text-sm">
            {notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </Card>
      )}
      {isPod && containers.length > 0 && (
        <Card title="Containers">
          <ul className="space-y-3 text-sm">
            {containers.map((c) => {
              const s = statuses.find((x) => x.name === c.name);
              const stateName = s?.state ? Object.keys(s.state)[0] : undefined;
              const state = stateName ? s?.state?.[stateName] : undefined;
              return (
                <li key={c.name}>
                  <p className="font-medium">
                    {c.name} {s && <Badge tone={s.ready ? "green" : "red"}>{s.ready ? "ready" : "not ready"}</Badge>}
                  </p>
                  <p className="font-mono text-xs text-slate-500">{c.image}</p>
                  {s && (
                    <p className="text-slate-600 dark:text-slate-300">
                      {stateName}
                      {state?.reason ? ` (${state.reason})` : ""} · restarts {s.restartCount ?? 0}
                      {s.lastState?.terminated ? ` · last exit code ${s.lastState.terminated.exitCode} (${s.lastState.terminated.reason})` : ""}
                    </p>
                  )}
                  {state?.message && <p className="text-xs text-slate-500">{state.message}</p>}
                </li>
              );
            })}
          </ul>
        </Card>
      )}
      <Conditions object={object} />
      {pods.length > 0 && (
        <Card title={`Pods (${pods.length})`}>
          <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
            {pods.map((p) => (
              <li key={p.name} className="flex items-center justify-between gap-2 py-1.5">
                <Link to={paths.resource(cluster, POD, p.name, p.namespace)} className="truncate text-teal-800 hover:underline dark:text-teal-300">
                  {p.name}
                </Link>
                <span className="flex shrink-0 items-center gap-2 text-slate-500">
                  {p.ready} · {p.restarts} restarts
                  <Badge tone={statusTone(p.reason ?? p.phase)}>{p.reason ?? p.phase}</Badge>
                </span>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
