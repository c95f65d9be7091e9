import { Badge, type Tone } from "@/components/ui/badge";
import { Card } from "@/components/ui/page";
import { age } from "@/lib/format";
import type { KubeObject } from "@/types/api";

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

/** Conditions where "True" is the bad news (node pressure, a failed rollout). */
const NEGATIVE = new Set(["MemoryPressure", "DiskPressure", "PIDPressure", "NetworkUnavailable", "ReplicaFailure", "Degraded", "Stalled", "Failed"]);

export function conditionTone(c: Pick<Condition, "type" | "status">): Tone {
  if (c.status === "Unknown") return "amber";
  const good = c.status === "True" ? !NEGATIVE.has(c.type) : NEGATIVE.has(c.type);
  return good ? "green" : "red";
}

const num = (v: unknown) => (typeof v === "number" ? v : 0);

/** The replica counts `kubectl get` and `describe` show, per workload kind; null for other kinds. */
export function replicaCounts(object: KubeObject): [string, string][] | null {
  const spec = object.spec ?? {};
  const status = object.status ?? {};
  switch (object.kind) {
    case "Deployment":
      return [
        ["Desired", String(num(spec.replicas ?? 1))],
        ["Ready", String(num(status.readyReplicas))],
        ["Up to date", String(num(status.updatedReplicas))],
        ["Available", String(num(status.availableReplicas))],
      ];
    case "StatefulSet":
    case "ReplicaSet":
      return [
        ["Desired", String(num(spec.replicas ?? 1))],
        ["Ready", String(num(status.readyReplicas))],
        ["Current", String(num(status.currentReplicas ?? status.replicas))],
      ];
    case "DaemonSet":
      return [
        ["Desired", String(num(status.desiredNumberScheduled))],
        ["Ready", String(num(status.numberReady))],
        ["Up to date", String(num(status.updatedNumberScheduled))],
        ["Available", String(num(status.numberAvailable))],
      ];
    case "Job":
      return [
        ["Completions", `${num(status.succeeded)}/${num(spec.completions ?? 1)}`],
        ["Active", String(num(status.active))],
        ["Failed", String(num(status.failed))],
      ];
    default:
      return null;
  }
}

function images(object: KubeObject): string[] {
  const template = object.spec?.template as { spec?: { containers?: { name: string; image?: string }[] } } | undefined;
  return (template?.spec?.containers ?? []).map((c) => `${c.name}: ${c.image ?? "?"}`);
}

/** Replicas, strategy and images of a workload: is it rolled out, and with what. */
export function WorkloadStatus({ object }: { object: KubeObject }) {
  const counts = replicaCounts(object);
  if (!counts) return null;
  const strategy = (object.spec?.strategy ?? object.spec?.updateStrategy) as { type?: string } | undefined;
  const imageList = images(object);
  return (
    <Card title="Rollout">
      <dl className="mb-3 grid grid-cols-4 gap-2 text-center" aria-label="Replicas">
        {counts.map(([label, value]) => (
          <div key={label} className="rounded-md bg-slate-50 py-2 dark:bg-slate-800/60">
            <dt className="text-xs text-slate-500 dark:text-slate-400">{label}</dt>
            <dd className="text-lg font-semibold">{value}</dd>
          </div>
        ))}
      </dl>
      <dl className="grid grid-cols-[8rem_1fr] gap-y-2 text-sm">
        {strategy?.type && (
          <>
            <dt className="text-slate-500">Strategy</dt>
            <dd>{strategy.type}</dd>
          </>
        )}
        {imageList.length > 0 && (
          <>
            <dt className="text-slate-500">Images</dt>
            <dd className="font-mono text-xs break-all">
              {imageList.map((i) => (
                <p key={i}>{i}</p>
              ))}
            </dd>
          </>
        )}
      </dl>
    </Card>
  );
}

/** status.conditions of any object (workloads, pods, nodes, and most custom resources). */
export function Conditions({ object }: { object: KubeObject }) {
  const conditions = object.status?.conditions;
  if (!Array.isArray(conditions) || conditions.length === 0) return null;
  return (
    <Card title="Conditions">
      <ul className="space-y-2 text-sm" aria-label="Conditions">
        {(conditions as Condition[]).map((c) => (
          <li key={c.type}>
            <p className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{c.type}</span>
              <Badge tone={conditionTone(c)}>{c.status}</Badge>
              {c.reason && <span className="text-slate-600 dark:text-slate-300">{c.reason}</span>}
              {c.lastTransitionTime && <span className="text-xs text-slate-500">{age(c.lastTransitionTime)} ago</span>}
            </p>
            {c.message && <p className="text-xs text-slate-500 dark:text-slate-400">{c.message}</p>}
          </li>
        ))}
      </ul>
    </Card>
  );
}
